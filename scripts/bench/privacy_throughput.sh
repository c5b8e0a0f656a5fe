#!/usr/bin/env bash
# Privacy masking throughput on one core, side by side on the same generated world
# text (SIZE_MB, default 100): Python re and RE2 scanning and replacing with the
# privacy table's email, phone and IPv4 patterns (the same regexes, printed by the
# mucpt peer), the privacy stage with those three types, and the stage with every
# type. The C++ ones run REPEAT times in turn (default 5; medians), Python once.
# The time is the masking loop's over documents already in memory; compiling the
# patterns (once per rank in curate) is shown apart.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/packages.sh
ensure_packages python3 libre2-dev g++
[ -f build/Makefile ] || scripts/setup.sh >/dev/null
cmake --build build -j"$(nproc)" --target mucpt_privacy synth >/dev/null

size_mb=${SIZE_MB:-100}
repeat=${REPEAT:-5}
work=${BENCH_DIR:-build/bench/privacy}
mkdir -p "$work"
corpus="$work/corpus.txt"

# The world's text fields, documents separated by NUL bytes, cut at a document end.
if [ ! -f "$corpus" ] || [ "$(( $(stat -c %s "$corpus") / 1000000 ))" -lt "$size_mb" ]; then
  rm -rf "$work/world"
  build/synth --docs $(( size_mb * 1000000 / 1000 )) --seed 1 --compress none --output "$work/world" >/dev/null
  python3 - "$work/world" "$corpus" "$size_mb" <<'PY'
import json, sys
world, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
manifest = json.load(open(f"{world}/manifest.json"))
written = 0
with open(out, "wb") as f:
    for source in manifest["sources"]:
        field = source.get("text_field", "text")
        for path in source["paths"]:
            for line in open(f"{world}/{path}", encoding="utf-8", errors="replace"):
                try:
                    text = json.loads(line)[field]
                except (ValueError, KeyError, TypeError):
                    continue
                if not isinstance(text, str):
                    continue
                data = text.encode("utf-8", errors="replace") + b"\0"
                f.write(data)
                written += len(data)
                if written >= size_mb * 1000000:
                    sys.exit(0)
PY
fi

flags="-O2 -march=native -std=c++17 -I."
g++ $flags scripts/bench/peers/mucpt_mask.cpp build/curation/privacy/libmucpt_privacy.a \
  build/common/libmucpt_common.a $(pkg-config --libs libhs) -o "$work/mucpt_mask"
g++ $flags scripts/bench/peers/re2_mask.cpp $(pkg-config --cflags --libs re2) -o "$work/re2_mask"
"$work/mucpt_mask" --print-patterns email,phone,ipv4 > "$work/patterns.tsv"

# The C++ runs take turns, so a busy machine slows each of them alike; each line is
# "seconds bytes spans compile_seconds", and the median line of each is kept.
: > "$work/re2.runs"; : > "$work/three.runs"; : > "$work/full.runs"
for _ in $(seq "$repeat"); do
  "$work/re2_mask" "$work/patterns.tsv" "$corpus" "$work/re2.out" >> "$work/re2.runs"
  "$work/mucpt_mask" email,phone,ipv4 "$corpus" "$work/mucpt3.out" >> "$work/three.runs"
  "$work/mucpt_mask" all "$corpus" "$work/mucpt_all.out" >> "$work/full.runs"
done
median() { sort -g "$1" | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }
py=$(/usr/bin/python3 scripts/bench/peers/python_mask.py "$work/patterns.tsv" "$corpus" "$work/python.out")
re2=$(median "$work/re2.runs")
three=$(median "$work/three.runs")
full=$(median "$work/full.runs")

python3 - "$py" "$re2" "$three" "$full" <<'PY'
import sys
rows = [("Python re, 3 patterns", sys.argv[1]), ("RE2, 3 patterns", sys.argv[2]),
        ("privacy stage, email+phone+ipv4", sys.argv[3]), ("privacy stage, every type", sys.argv[4])]
parsed = [(name, *map(float, line.split())) for name, line in rows]
mb = parsed[0][2] / 1e6
print(f"{mb:.1f} MB of generated world text, one core, masking time (medians; compiling the patterns apart)")
print(f"{'what':34} {'seconds':>8} {'MB/s':>8} {'x python':>9} {'x RE2':>7} {'spans':>7} {'compile s':>10}")
py_rate, re2_rate = mb / parsed[0][1], mb / parsed[1][1]
for name, seconds, _, spans, setup in parsed:
    rate = mb / seconds
    print(f"{name:34} {seconds:8.2f} {rate:8.1f} {rate / py_rate:9.1f} {rate / re2_rate:7.1f} {int(spans):7d} {setup:10.2f}")
print("spans differ: the regex peers replace every match, the stage only what its validators confirm")
PY
