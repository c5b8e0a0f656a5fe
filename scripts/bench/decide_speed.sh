#!/usr/bin/env bash
# `curate decide` against a full run with the same changed threshold
# (gopher_quality.min_words=80), on a generated world of SIZE_MB (default 100) and 2
# ranks, with the tokenizer on: first with the default stages, then with language ID
# (lid.176.ftz) and the domain classifier (trained on the world) as the demo runs them.
# Prints the median wall seconds of REPEAT runs (default 3) of each and their ratio, the
# same inside the program (report.json's wall_seconds: without starting the ranks,
# ~0.13 s here), and checks that decide wrote
# the full run's documents, rejects and tokens.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/packages.sh
ensure_packages bc
[ -f build/Makefile ] || scripts/setup.sh >/dev/null
cmake --build build -j"$(nproc)" --target curate synth train_tokenizer >/dev/null
scripts/lib/fetch_lid_model.sh

size_mb=${SIZE_MB:-100}
repeat=${REPEAT:-3}
work=${BENCH_DIR:-build/bench/decide}
mkdir -p "$work"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; $(nproc) cores; 2 ranks; ${size_mb} MB world; median of $repeat"

world=$work/world
if [ "$(cat "$world/size_mb" 2>/dev/null)" != "$size_mb" ]; then
  rm -rf "$world"
  build/synth --docs $(( size_mb * 1000000 / 1840 )) --seed 3 --output "$world" >/dev/null
  echo "$size_mb" >"$world/size_mb"
fi
[ -f "$work/tokenizer.json" ] || build/train-tokenizer --input "$world/sources/encyclopedia.jsonl.zst" --text-field text \
  --vocab-size 4096 --output "$work/tokenizer.json" >/dev/null
[ -f "$work/classifier.bin" ] || build/curate train-classifier --manifest "$world/manifest.json" \
  --output "$work/classifier.bin" --classifier.threads 2 >/dev/null

# shellcheck disable=SC2046  # mpirun_flags gives several words
curate() { mpirun $(mpirun_flags) -np 2 build/curate --curate.progress=false "$@" >/dev/null 2>&1; }
# A failed run is no timing: it stops the benchmark (a $(...) does not, by itself).
seconds() { local t0; t0=$(date +%s.%N); "$@" || { echo "failed: $*" >&2; return 1; }; echo "$(date +%s.%N) - $t0" | bc; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
inside() { jq .wall_seconds "$1/report.json"; }
# The documents, rejects and tokens of a run, uncompressed, as one checksum.
content() { (cd "$1" && find docs rejects tokens -type f | sort | while read -r f; do zstdcat -f "$f"; done | md5sum); }

printf "%-22s %9s %11s %7s %16s %11s %7s  %s\n" stages "full (s)" "decide (s)" ratio "in-program full" decide ratio \
  "same output"
mismatch=0  # output that differs fails the benchmark, once every figure is printed
for stages in default "langid + classifier"; do
  options=(--manifest "$world/manifest.json" --tokenizer "$work/tokenizer.json")
  [ "$stages" = default ] || options+=(--config configs/demo.ini --langid.model build/models/lid.176.ftz
                                       --classifier.model "$work/classifier.bin")
  curate "${options[@]}" --curate.resume=false --output "$work/run"
  full=() decided=() full_in=() decided_in=()
  for ((i = 0; i < repeat; ++i)); do
    rm -rf "$work/full"  # a fresh folder: nothing the run keeps (compiled patterns) is at hand
    full+=("$(seconds curate "${options[@]}" --curate.resume=false --gopher_quality.min_words=80 --output "$work/full")")
    full_in+=("$(inside "$work/full")")
    rm -rf "$work/decided"
    decided+=("$(seconds curate decide --run "$work/run" --output "$work/decided" --gopher_quality.min_words=80)")
    decided_in+=("$(inside "$work/decided")")
  done
  f=$(median "${full[@]}") d=$(median "${decided[@]}") fi=$(median "${full_in[@]}") di=$(median "${decided_in[@]}")
  same=no
  [ "$(content "$work/full")" = "$(content "$work/decided")" ] && same=yes
  printf "%-22s %9.2f %11.2f %7.3f %16.2f %11.2f %7.3f  %s\n" "$stages" "$f" "$d" "$(echo "scale=3; $d / $f" | bc)" \
    "$fi" "$di" "$(echo "scale=3; $di / $fi" | bc)" "$same"
  [ "$same" = yes ] || mismatch=1
done
exit "$mismatch"
