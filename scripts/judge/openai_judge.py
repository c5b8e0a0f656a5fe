#!/usr/bin/env python3
"""A judge for `evaluate --judge.command`: asks an OpenAI-compatible chat endpoint
(OpenAI, vLLM, llama.cpp's server, ...) to grade one answer as SimpleQA's grader does.

Reads one JSON object on stdin ({"question", "gold", "predicted", "aliases"?}) and
prints A (CORRECT), B (INCORRECT) or C (NOT_ATTEMPTED). Any failure (network, HTTP
error, an answer that is not a letter) exits non-zero, so evaluate retries and then
falls back to its rules. Python's standard library only.

  export JUDGE_BASE_URL=http://localhost:8000/v1 JUDGE_MODEL=Qwen2.5-7B-Instruct  # default: api.openai.com, gpt-4o-mini
  export JUDGE_API_KEY=...                                                        # or OPENAI_API_KEY
  build/evaluate --benchmark B --predictions P --output DIR \\
      --judge.command "python3 scripts/judge/openai_judge.py" --judge.id "$JUDGE_MODEL"

(--judge.id puts the model in the key of evaluate's judge cache: the command alone does
not change when JUDGE_MODEL does.)
"""
import json
import os
import re
import sys
import urllib.request

PROMPT = """Grade a predicted answer to a factual question against the gold target.
A: CORRECT - the prediction contains the gold target (or an accepted alias) without contradicting it; \
small differences in wording, spelling, middle names or precision that the question does not ask for are fine.
B: INCORRECT - the prediction states a different answer, or hedges between several candidates one of which is wrong.
C: NOT_ATTEMPTED - the prediction does not answer (says it does not know, asks for more context, is empty) \
and contradicts nothing.

Question: {question}
Gold target: {gold}
Also accepted: {aliases}
Predicted answer: {predicted}

Reply with one letter: A, B or C."""


def main():
    request = json.load(sys.stdin)
    prompt = PROMPT.format(question=request["question"], gold=request["gold"],
                           aliases="; ".join(request.get("aliases", [])) or "(none)",
                           predicted=request["predicted"])
    base = os.environ.get("JUDGE_BASE_URL", "https://api.openai.com/v1").rstrip("/")
    key = os.environ.get("JUDGE_API_KEY") or os.environ.get("OPENAI_API_KEY", "")
    body = {"model": os.environ.get("JUDGE_MODEL", "gpt-4o-mini"), "temperature": 0, "max_tokens": 4,
            "messages": [{"role": "user", "content": prompt}]}
    http = urllib.request.Request(base + "/chat/completions", data=json.dumps(body).encode(),
                                  headers={"Content-Type": "application/json", "Authorization": "Bearer " + key})
    with urllib.request.urlopen(http, timeout=float(os.environ.get("JUDGE_HTTP_TIMEOUT", "50"))) as response:
        reply = json.load(response)["choices"][0]["message"]["content"]
    letter = re.match(r"\s*\(?([ABC])\b", reply)
    if not letter:
        sys.exit("the model replied %r, not A, B or C" % reply[:80])
    print(letter.group(1))


if __name__ == "__main__":
    main()
