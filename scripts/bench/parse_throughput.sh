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

# One plain JSONL file of about size_mb: the generated world's sources, keeping only
# the lines that are valid JSON objects with a "text" string (the peers stop at the
# first malformed line).
if [ ! -f "$corpus" ] || [ "$(( $(stat -c %s "$corpus") / 1000000 ))" -lt "$(( size_mb * 9 / 10 ))" ]; then
  docs=$(( size_mb * 1000000 / 1500 ))
  rm -rf "$work/world"
  build/synth --docs "$docs" --seed 1 --compress none --output "$work/world" >/dev/null
  python3 - "$work/world/sources" "$corpus" "$(( size_mb * 1000000 ))" <<'PY'
import glob, json, sys
src, out_path, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
written = 0
with open(out_path, "wb") as out:
    for path in sorted(glob.glob(f"{src}/*.jsonl")):
        for raw in open(path, "rb"):
            try:
                doc = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                continue
            if not isinstance(doc, dict):
                continue
            text = doc.get("text", doc.get("body", doc.get("content")))
            if not isinstance(text, str):
                continue
            line = json.dumps({"id": str(doc.get("id", doc.get("post_id", doc.get("doc_id")))), "text": text,
                               "meta": {k: v for k, v in doc.items() if k not in ("text", "body", "content")}},
                              ensure_ascii=False).encode() + b"\n"
            if written + len(line) > limit:
                sys.exit(0)
            out.write(line)
            written += len(line)
PY
  rm -rf "$work/world"
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
    # A failed run is no timing: it stops the benchmark (a $(...) does not, by itself).
    /usr/bin/time -f "%e" -o "$work/time.txt" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; return 1; }
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
run="$mpi -np 1 build/curate --manifest '$work/manifest.json' --curate.progress=false"
# Only reading, parsing and writing: every stage switched off.
parse_only="--normalize.enabled=false --clean.enabled=false --length.min_chars=0 --privacy.enabled=false \
  --dedup.enabled=false --boilerplate.enabled=false --repeated_lines.enabled=false --gopher_quality.enabled=false \
  --gopher_repetition.enabled=false --c4.enabled=false --fineweb.enabled=false"
t_plain=$(median_seconds sh -c "rm -rf '$work/o1' && $run --output '$work/o1' $parse_only --curate.compression=none")
t_zstd=$(median_seconds sh -c "rm -rf '$work/o2' && $run --output '$work/o2' $parse_only")
t_full1=$(median_seconds sh -c "rm -rf '$work/o3' && $run --output '$work/o3'")
t_full2=$(median_seconds sh -c "rm -rf '$work/o4' && $mpi -np 2 build/curate --manifest '$work/manifest.json' --curate.progress=false --output '$work/o4' --curate.split_bytes=67108864")
# In-process time (without MPI start-up) of the last plain run, from its report.
t_plain_inproc=$(python3 -c "import json; print(json.load(open('$work/o1/report.json'))['wall_seconds'])")

python3 - "$bytes" "$t_jq" "$t_py" "$t_plain" "$t_plain_inproc" "$t_zstd" "$t_full1" "$t_full2" <<'PY'
import sys
b = float(sys.argv[1])
jq, py, plain, plain_in, zst, f1, f2 = map(float, sys.argv[2:])
mb = b / 1e6
rows = [("jq -c .", 1, jq), ("python3 json.loads/dumps", 1, py),
        ("curate parse+write, plain out", 1, plain),
        ("  same, without MPI start-up", 1, plain_in),
        ("curate parse+write, zstd out", 1, zst),
        ("curate all stages, zstd, 1 rank", 1, f1),
        ("curate all stages, zstd, 2 ranks", 2, f2)]
print(f"{'what':34} {'ranks':>5} {'seconds':>8} {'MB/s':>8} {'MB/s/rank':>10} {'x python':>9} {'x jq':>6}")
for name, ranks, t in rows:
    per = mb / t / ranks
    print(f"{name:34} {ranks:5d} {t:8.2f} {mb / t:8.1f} {per:10.1f} {per / (mb / py):9.2f} {per / (mb / jq):6.2f}")
print(f"scaling: 2 ranks take {f2 / f1:.2f} of 1 rank's wall time")
PY
