#!/usr/bin/env bash
# Curation under load: generated worlds of growing size (default 0.25, 1 and 2 GB of
# uncompressed JSONL) curated on RANKS ranks (default 2). Prints for each size the wall
# seconds, seconds per GB and each rank's peak RSS, then how much peak RSS each added
# document held by a rank costs between the smallest and the largest world, and the
# spread of seconds per GB. Last, the largest world's sources joined into one file:
# the ranks must share it by byte ranges (units per rank are printed).
# Usage: scripts/bench/curate_scaling.sh [GB ...]    (WORK=dir for the scratch files)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x build/curate ] || scripts/setup.sh
source scripts/lib/packages.sh
ensure_packages bc time
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(0.25 1 2)
ranks=${RANKS:-2}
if [ -n "${WORK:-}" ]; then
  work=$WORK  # kept: a rerun reuses its worlds
else
  work=$(mktemp -d /tmp/curate_scaling.XXXXXX)
  trap 'rm -rf "$work"' EXIT  # gigabytes of generated worlds a rerun could not find
fi
mkdir -p "$work"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; $(nproc) cores; $ranks ranks; scratch $work"

# Bytes per generated document, from a small world with the same generator.
build/synth --docs 20000 --seed 1 --compress none --output "$work/calibrate" >/dev/null
bytes_per_doc=$(( $(cat "$work"/calibrate/sources/*.jsonl | wc -c) / 20000 ))
rm -rf "$work/calibrate"

# Runs curate on a manifest with each rank under /usr/bin/time; prints "seconds rss0 rss1 ..." (RSS in MB).
curate_measured() {
  local manifest=$1 out=$2
  rm -rf "$out" "$work"/rss.*
  local start end
  start=$(date +%s.%N)
  mpirun --allow-run-as-root --oversubscribe -np "$ranks" bash -c \
    'exec /usr/bin/time -f %M -o "$0/rss.$OMPI_COMM_WORLD_RANK" "$@"' "$work" \
    build/curate --manifest "$manifest" --output "$out" --curate.progress=false >"$out.log" 2>&1 ||
    { echo "curate failed on $manifest: see $out.log" >&2; return 1; }
  end=$(date +%s.%N)
  local line
  line=$(echo "$end - $start" | bc)
  for ((r = 0; r < ranks; ++r)); do line+=" $(( $(tail -1 "$work/rss.$r") / 1024 ))"; done
  echo "$line"
}

printf "%8s %10s %10s %8s %8s  %s\n" GB documents bytes seconds s/GB "peak RSS per rank (MB)"
declare -a docs_of secs_of rss_of
for gb in "${sizes[@]}"; do
  docs=$(echo "$gb * 1000000000 / $bytes_per_doc" | bc)
  world="$work/world-$gb"
  [ -f "$world/manifest.json" ] || build/synth --docs "$docs" --seed 7 --compress none --output "$world" >/dev/null
  bytes=$(cat "$world"/sources/*.jsonl | wc -c)
  measured=$(curate_measured "$world/manifest.json" "$work/out-$gb")  # stops the script when curate fails
  read -r seconds rss <<<"$measured"
  per_gb=$(echo "scale=2; $seconds * 1000000000 / $bytes" | bc)
  printf "%8s %10s %10s %8.1f %8s  %s\n" "$gb" "$docs" "$bytes" "$seconds" "$per_gb" "$rss"
  docs_of+=("$docs")
  secs_of+=("$per_gb")
  max_rss=0
  for v in $rss; do [ "$v" -gt "$max_rss" ] && max_rss=$v; done
  rss_of+=("$max_rss")
  rm -rf "$work/out-$gb"
done

last=$(( ${#sizes[@]} - 1 ))
if [ "$last" -gt 0 ]; then
  added_docs=$(( (docs_of[last] - docs_of[0]) / ranks ))
  echo "largest process: peak RSS ${rss_of[0]} -> ${rss_of[last]} MB for $added_docs more documents per rank:" \
       "$(( (rss_of[last] - rss_of[0]) * 1048576 / added_docs )) bytes per document"
  echo "seconds per GB: ${secs_of[*]} (largest / smallest $(echo "scale=3; ${secs_of[last]} / ${secs_of[0]}" | bc))"
fi

# One file holding the largest world's sources: split into byte ranges over the ranks.
world="$work/world-${sizes[last]}"
cat "$world"/sources/*.jsonl >"$work/single.jsonl"
echo '{"name":"single","sources":[{"name":"all","paths":["single.jsonl"]}]}' >"$work/single.json"
measured=$(curate_measured "$work/single.json" "$work/out-single")
read -r seconds rss <<<"$measured"
echo "one file of $(( $(stat -c %s "$work/single.jsonl") / 1000000 )) MB: ${seconds} s, peak RSS per rank $rss MB;" \
     "units per rank: $(cat "$work"/out-single/markers/stream.rank-*.done | tr '\n' ' ')"
rm -rf "$work/out-single" "$work/single.jsonl"
