#!/usr/bin/env bash
# Language ID lines/s: the langid stage inside curate (its own stage time from
# report.json, and the whole run) beside the `fasttext predict` command on the same
# lines and model. LINES (default 200000) real lines from ../shared/data, repeated.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh >/dev/null
source scripts/lib/packages.sh
ensure_packages time fasttext python3
data=../shared/data
model=$data/fasttext/lid.176.ftz
[ -f "$model" ] || { echo "needs $model" >&2; exit 1; }
n=${LINES:-200000}
work=${BENCH_DIR:-build/bench/langid}
mkdir -p "$work"

python3 - "$data" "$n" "$work" <<'PY'
import csv, json, sys
data, n, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = [json.loads(l)["text"] for l in open(f"{data}/music/dbpedia_album_abstracts.jsonl")]
texts += [r[1] + " " + r[2] for r in csv.reader(open(f"{data}/general/ag_news_test.csv"))]
texts = [t.replace("\n", " ") for t in texts if t.strip()]
with open(f"{work}/lines.txt", "w") as plain, open(f"{work}/lines.jsonl", "w") as jsonl:
    for i in range(n):
        t = texts[i % len(texts)]
        plain.write(t + "\n")
        jsonl.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")
json.dump({"sources": [{"name": "lines", "paths": ["lines.jsonl"]}]}, open(f"{work}/manifest.json", "w"))
PY

/usr/bin/time -f "%e" -o "$work/t_cli" fasttext predict "$model" "$work/lines.txt" 1 > /dev/null
rm -rf "$work/out"
# shellcheck disable=SC2046  # mpirun_flags gives several words
/usr/bin/time -f "%e" -o "$work/t_run" mpirun $(mpirun_flags) -np 1 build/curate --manifest "$work/manifest.json" \
  --output "$work/out" --curate.progress=false --normalize.enabled=false --clean.enabled=false \
  --length.min_chars=0 --privacy.enabled=false --dedup.enabled=false --boilerplate.enabled=false \
  --repeated_lines.enabled=false --gopher_quality.enabled=false --gopher_repetition.enabled=false \
  --c4.enabled=false --fineweb.enabled=false --langid.model "$model" --langid.threshold=0 >"$work/curate.log" 2>&1 ||
  { tail -n 40 "$work/curate.log" >&2; exit 1; }
t_cli=$(tail -n 1 "$work/t_cli")
t_run=$(tail -n 1 "$work/t_run")
python3 - "$n" "$t_cli" "$t_run" "$work/out/report.json" <<'PY'
import json, sys
n, cli, run = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
stage = json.load(open(sys.argv[4]))["stages"]["langid"]["seconds"]
print(f"{n} lines, one core")
print(f"fasttext predict (command)      {n / cli:10.0f} lines/s")
print(f"curate langid stage alone       {n / stage:10.0f} lines/s  ({cli / stage:.2f}x the command)")
print(f"curate whole run (parse+write)  {n / run:10.0f} lines/s  ({cli / run:.2f}x the command)")
PY
