#!/usr/bin/env bash
# Read + parse + write throughput of `curate` per rank on a generated corpus of
# SIZE_MB (default 200), beside `jq -c .` and Python's json on the same file, each run
# REPEAT times (default 3); prints medians and ratios from this one run.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh >/dev/null
source scripts/lib/packages.sh
ensure_packages jq python3 zstd time

size_mb=${SIZE_MB:-200}
repeat=${REPEAT:-3}
work=${BENCH_DIR:-build/bench/parse}
mkdir -p "$work"
corpus="$work/corpus.jsonl"

# One plain JSONL file of about size_mb from the generated world's "text" sources.
if [ ! -f "$corpus" ] || [ "$(( $(stat -c %s "$corpus") / 1000000 ))" -lt "$size_mb" ]; then
  docs=$(( size_mb * 1000000 / 1800 ))
  rm -rf "$work/world"
  build/synth --docs "$docs" --seed 1 --compress none --output "$work/world" >/dev/null
  : > "$corpus"
  for f in "$work"/world/sources/*.jsonl; do
    head -c 300 "$f" | grep -q '"text"' && cat "$f" >> "$corpus"
  done
  truncate_to=$(( size_mb * 1000000 ))
  head -c "$truncate_to" "$corpus" | sed '$d' > "$corpus.cut" && mv "$corpus.cut" "$corpus"
fi
bytes=$(stat -c %s "$corpus")
lines=$(wc -l < "$corpus")
cat > "$work/manifest.json" <<JSON
{"name": "bench", "sources": [{"name": "corpus", "paths": ["corpus.jsonl"]}]}
JSON

# Prints the median wall time in seconds of REPEAT runs of the command.
median_seconds() {
  local times=() t
  for _ in $(seq "$repeat"); do
    /usr/bin/time -f "%e" -o "$work/time.txt" "$@" >/dev/null 2>&1
    times+=("$(tail -n 1 "$work/time.txt")")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

python_copy='import json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        out.write(json.dumps(json.loads(line), ensure_ascii=False) + "\n")'

echo "corpus: $corpus, $(( bytes / 1000000 )) MB, $lines lines; $repeat runs each, medians; $(nproc) cores"
t_jq=$(median_seconds sh -c "jq -c . '$corpus' > '$work/jq.out'")
t_py=$(median_seconds python3 -c "$python_copy" "$corpus" "$work/py.out")
mpi="mpirun $(mpirun_flags)"
parse_only="--normalize.enabled=false --clean.enabled=false --length.min_chars=0 --curate.progress=false"
t_parse1=$(median_seconds sh -c "rm -rf '$work/o1' && $mpi -np 1 build/curate --manifest '$work/manifest.json' --output '$work/o1' $parse_only")
t_full1=$(median_seconds sh -c "rm -rf '$work/o2' && $mpi -np 1 build/curate --manifest '$work/manifest.json' --output '$work/o2' --curate.progress=false")
t_full2=$(median_seconds sh -c "rm -rf '$work/o3' && $mpi -np 2 build/curate --manifest '$work/manifest.json' --output '$work/o3' --curate.progress=false --curate.split_bytes=67108864")

python3 - "$bytes" "$t_jq" "$t_py" "$t_parse1" "$t_full1" "$t_full2" <<'PY'
import sys
b, jq, py, p1, f1, f2 = float(sys.argv[1]), *map(float, sys.argv[2:])
mb = b / 1e6
rows = [("jq -c .", 1, jq), ("python3 json", 1, py),
        ("curate parse+write, 1 rank", 1, p1), ("curate all stages, 1 rank", 1, f1),
        ("curate all stages, 2 ranks", 2, f2)]
print(f"{'what':32} {'ranks':>5} {'seconds':>8} {'MB/s':>8} {'MB/s/rank':>10} {'x python':>9} {'x jq':>6}")
for name, ranks, t in rows:
    per = mb / t / ranks
    print(f"{name:32} {ranks:5d} {t:8.2f} {mb / t:8.1f} {per:10.1f} {per / (mb / py):9.2f} {per / (mb / jq):6.2f}")
print(f"scaling: 2 ranks take {f2 / f1:.2f} of 1 rank's wall time")
PY
