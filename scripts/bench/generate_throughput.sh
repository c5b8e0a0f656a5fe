#!/usr/bin/env bash
# Greedy generation with and without the key/value cache: stories260K (../shared/data)
# continues its golden prompt by 196 tokens, 5 runs each on one thread; prints the
# median tokens/s of each and their ratio. The ids of both must agree.
# Usage: scripts/bench/generate_throughput.sh [MODEL_FOLDER] [NEW_TOKENS]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x build/evaluate ] || scripts/setup.sh
model=${1:-../shared/data/models/stories260K}
new=${2:-196}
prompt=$(python3 -c "import json,sys; print(','.join(map(str, json.load(open(sys.argv[1]))['prompt_ids'])))" \
  "$model/golden_greedy.json" 2>/dev/null || echo 1)
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; model $model; prompt $prompt; $new new tokens; 1 thread"
declare -A ids
for cache in true false; do
  rates=()
  for run in 1 2 3 4 5; do
    out=$(build/evaluate generate --threads 1 --model "$model" --ids "$prompt" --max_new_tokens "$new" \
          --stop_at_eos=false --cache=$cache 2>&1)
    rates+=("$(echo "$out" | sed -n 's/.*(\([0-9.]*\) tokens\/s.*/\1/p')")
    ids[$cache]=$(echo "$out" | tail -1)
  done
  median=$(printf "%s\n" "${rates[@]}" | sort -g | sed -n 3p)
  echo "cache=$cache: median $median tokens/s (runs: ${rates[*]})"
  declare "median_$cache=$median"
done
[ "${ids[true]}" = "${ids[false]}" ] && echo "same ids with and without the cache" || echo "IDS DIFFER"
echo "speed-up of the cache: $(echo "scale=2; $median_true / $median_false" | bc)x"
