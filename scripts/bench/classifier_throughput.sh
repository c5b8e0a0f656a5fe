#!/usr/bin/env bash
# Domain classifier documents/s per core: the classifier stage inside curate (its own
# stage time from report.json, and whole runs on 1 and 2 ranks) beside the
# `fasttext predict` command on the same documents (normalised as the stage does)
# with the same model. The model is
# trained first on the real music/general data beside the project.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh >/dev/null
source scripts/lib/packages.sh
ensure_packages time fasttext python3
data=../shared/data
[ -d "$data" ] || { echo "needs $data" >&2; exit 1; }
docs=${DOCS:-40000}
work=${BENCH_DIR:-build/bench/classifier}
mkdir -p "$work"

if [ ! -f "$work/music.bin" ]; then
  python3 tests/classifier/prepare_shared_data.py "$data" "$work/train"
  build/curate train-classifier --manifest "$work/train/manifest.json" --output "$work/music.bin" >/dev/null
fi
rm -rf "$work/world"
build/synth --docs "$docs" --seed 3 --compress none --output "$work/world" >/dev/null
# The same documents as one JSONL source for curate and as one line each for fasttext.
python3 - "$work" <<'PY'
import glob, json, sys, unicodedata
work = sys.argv[1]

def classifier_text(text):
    # The stage's normalisation (curation/classifier/classifier_text.cpp), so that the
    # command reads the same tokens as the stage.
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        cjk = 0x3040 <= ord(ch) <= 0x30FF or 0x3400 <= ord(ch) <= 0x9FFF or 0xAC00 <= ord(ch) <= 0xD7AF
        out.append(f" {ch.lower()} " if cat[0] in "PS" or cjk else ch.lower())
    return " ".join("".join(out).split())

with open(f"{work}/docs.jsonl", "w") as jsonl, open(f"{work}/docs.txt", "w") as plain:
    for path in sorted(glob.glob(f"{work}/world/sources/*.jsonl")):
        for raw in open(path, "rb"):
            try:
                doc = json.loads(raw.decode("utf-8"))
                text = doc.get("text", doc.get("body", doc.get("content")))
            except (UnicodeDecodeError, ValueError, AttributeError):
                continue
            if isinstance(text, str) and text.strip():
                jsonl.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
                plain.write(classifier_text(text) + "\n")
json.dump({"sources": [{"name": "docs", "paths": ["docs.jsonl"]}]}, open(f"{work}/manifest.json", "w"))
PY
n=$(wc -l < "$work/docs.txt")
/usr/bin/time -f "%e" -o "$work/t_cli" fasttext predict "$work/music.bin" "$work/docs.txt" 1 > /dev/null
only_classifier=(--curate.progress=false --normalize.enabled=false --clean.enabled=false --length.min_chars=0
  --privacy.enabled=false --dedup.enabled=false --boilerplate.enabled=false --repeated_lines.enabled=false
  --gopher_quality.enabled=false --gopher_repetition.enabled=false --c4.enabled=false --fineweb.enabled=false
  --classifier.model "$work/music.bin" --classifier.threshold=0)
for ranks in 1 2; do
  rm -rf "$work/out$ranks"
  # shellcheck disable=SC2046  # mpirun_flags gives several words
  /usr/bin/time -f "%e" -o "$work/t_run$ranks" mpirun $(mpirun_flags) -np "$ranks" build/curate \
    --manifest "$work/manifest.json" --output "$work/out$ranks" --curate.split_bytes=8000000 "${only_classifier[@]}" \
    >"$work/curate$ranks.log" 2>&1 || { tail -n 40 "$work/curate$ranks.log" >&2; exit 1; }
done
python3 - "$n" "$work" <<'PY'
import json, sys
n, work = int(sys.argv[1]), sys.argv[2]
t = lambda name: float(open(f"{work}/{name}").read().split()[-1])
cli, run1, run2 = t("t_cli"), t("t_run1"), t("t_run2")
stage = json.load(open(f"{work}/out1/report.json"))["stages"]["classifier"]["seconds"]
print(f"{n} documents; model {work}/music.bin; OPENBLAS_CORETYPE={__import__('os').environ.get('OPENBLAS_CORETYPE', 'unset')}")
print(f"fasttext predict (command), 1 core     {n / cli:9.0f} docs/s")
print(f"classifier stage alone, 1 rank         {n / stage:9.0f} docs/s  ({cli / stage:.2f}x the command)")
print(f"curate whole run, 1 rank               {n / run1:9.0f} docs/s  ({cli / run1:.2f}x the command)")
print(f"curate whole run, 2 ranks              {n / run2:9.0f} docs/s  ({run1 / run2:.2f}x one rank)")
PY
