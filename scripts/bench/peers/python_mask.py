"""Python re over a NUL-separated corpus with the patterns mucpt_mask --print-patterns
wrote, each document rewritten by one Pattern.subn per pattern; times only that.
    python3 python_mask.py PATTERNS CORPUS OUT    prints seconds, bytes, replacements, compile seconds"""
import re
import sys
import time

patterns_path, corpus_path, out_path = sys.argv[1:4]
setup = time.perf_counter()
patterns = []
for line in open(patterns_path, encoding="utf-8"):
    name, token, regex = line.rstrip("\n").split("\t", 2)
    patterns.append((re.compile(regex, re.ASCII), token))  # \b as Hyperscan and RE2 read it
setup = time.perf_counter() - setup
with open(corpus_path, "rb") as f:
    docs = f.read().decode("utf-8").split("\0")
if docs and docs[-1] == "":
    docs.pop()
size = sum(len(d.encode("utf-8")) for d in docs)

start = time.perf_counter()
spans = 0
for i, doc in enumerate(docs):
    for pattern, token in patterns:
        doc, n = pattern.subn(token, doc)
        spans += n
    docs[i] = doc
seconds = time.perf_counter() - start
with open(out_path, "wb") as f:
    for d in docs:
        f.write(d.encode("utf-8") + b"\0")
print(f"{seconds:.4f} {size} {spans} {setup:.4f}")
