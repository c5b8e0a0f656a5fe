#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz, in build-sanitize/) and runs each for
# SECONDS (default 60) on a copy of its seed corpus, after replaying the inputs that
# once crashed it (tests/fuzz/regressions/<name>/). Stops at the first crash, whose
# input libFuzzer writes to build-sanitize/fuzz-out/crashes/<name>/; prints, per
# harness, the inputs run, their rate and the coverage reached. tests/fuzz/dict/<name>.dict
# gives libFuzzer the tokens of a format.
#   scripts/fuzz.sh [SECONDS] [NAME...]     NAME: jsonl_parser, privacy, ...
# MUCPT_FUZZ_TOKENIZER=T makes the tokenizer harness use T instead of its own BPE.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh
source scripts/lib/sanitize_build.sh

seconds=${1:-60}
shift || true
# libFuzzer reads -max_total_time=0, and one that is not a number, as no limit at all.
[[ $seconds =~ ^[1-9][0-9]*$ ]] ||
  { echo "usage: scripts/fuzz.sh [SECONDS] [NAME...] (SECONDS a positive whole number, not '$seconds')" >&2; exit 2; }
sanitize_build fuzzers >/dev/null

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for dir in tests/fuzz/corpus/*/; do names+=("$(basename "$dir")"); done
fi

out=build-sanitize/fuzz-out
rm -rf "$out/corpus" "$out/tmp"
mkdir -p "$out/logs" "$out/tmp"
export TMPDIR=$PWD/$out/tmp  # the harnesses' temporary files

printf '%-16s %8s %12s %10s %8s %8s\n' harness seconds runs exec/s cov ft
for name in "${names[@]}"; do
  fuzzer=build-sanitize/fuzz/${name}_fuzz
  [ -x "$fuzzer" ] || { echo "no harness $fuzzer" >&2; exit 2; }
  log=$out/logs/$name.log
  if compgen -G "tests/fuzz/regressions/$name/*" >/dev/null; then
    "$fuzzer" tests/fuzz/regressions/"$name"/* >"$log" 2>&1 ||
      { tail -n 40 "$log" >&2; echo "$name: a regression input fails again (log: $log)" >&2; exit 1; }
  fi
  mkdir -p "$out/corpus/$name" "$out/crashes/$name"
  cp tests/fuzz/corpus/"$name"/* "$out/corpus/$name/"
  dict=()
  [ -f "tests/fuzz/dict/$name.dict" ] && dict=(-dict="tests/fuzz/dict/$name.dict")
  start=$SECONDS
  if ! "$fuzzer" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 "${dict[@]}" \
      -artifact_prefix="$out/crashes/$name/" "$out/corpus/$name" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "$name: crash; input in $out/crashes/$name/, log $log" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  printf '%-16s %8d %12s %10s %8s %8s\n' "$name" $((SECONDS - start)) "$runs" "$rate" "${cov:--}" "${ft:--}"
done
