#!/usr/bin/env bash
# Greedy generation with and without the key/value cache: stories260K (../shared/data)
# continues its golden prompt by 196 tokens, 5 runs each on one thread; prints the
# median tokens/s of each and their ratio. The ids of both must agree. Then batched
# answers of `evaluate --model`, gen_batch 1 beside 16 (see below).
# Usage: scripts/bench/generate_throughput.sh [MODEL_FOLDER] [NEW_TOKENS]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x build/evaluate ] || scripts/setup.sh
source scripts/lib/packages.sh
ensure_packages bc
model=${1:-../shared/data/models/stories260K}
new=${2:-196}
# The model's golden prompt, else token 1 (a model folder without golden ids).
prompt=1
[ -f "$model/golden_greedy.json" ] &&
  prompt=$(python3 -c "import json,sys; print(','.join(map(str, json.load(open(sys.argv[1]))['prompt_ids'])))" \
    "$model/golden_greedy.json")
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; model $model; prompt $prompt; $new new tokens; 1 thread"
declare -A ids
for cache in true false; do
  rates=()
  for run in 1 2 3 4 5; do
    out=$(build/evaluate generate --threads 1 --model "$model" --ids "$prompt" --max_new_tokens "$new" \
          --stop_at_eos=false --cache=$cache 2>&1) || { echo "$out" >&2; exit 1; }
    rates+=("$(echo "$out" | sed -n 's/.*(\([0-9.]*\) tokens\/s.*/\1/p')")
    ids[$cache]=$(echo "$out" | tail -1)
  done
  median=$(printf "%s\n" "${rates[@]}" | sort -g | sed -n 3p)
  echo "cache=$cache: median $median tokens/s (runs: ${rates[*]})"
  declare "median_$cache=$median"
done
mismatch=0  # differing ids or answers fail the benchmark, once every figure is printed
if [ "${ids[true]}" = "${ids[false]}" ]; then
  echo "same ids with and without the cache"
else
  echo "IDS DIFFER"
  mismatch=1
fi
echo "speed-up of the cache: $(echo "scale=2; $median_true / $median_false" | bc)x"

# Batched answers: `evaluate --model` over SimpleQA's Music questions (341) with
# gen_batch 1 and 16, the model given a 512-token BPE trained on the questions (the
# ids mean nothing to it, but every prompt and answer takes the real path). No stop
# string, so each answer runs to EOS or 32 tokens; the answers of both must agree.
benchmark=${BENCHMARK:-../shared/data/qa/simple_qa_test_set.csv}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/model"
cp "$model/config.json" "$model/model.safetensors" "$work/model/"
python3 -c "import csv,sys; [print(r.get('question') or r.get('problem')) for r in csv.DictReader(open(sys.argv[1]))]" \
  "$benchmark" > "$work/questions.txt"
build/train-tokenizer --plain --input "$work/questions.txt" --vocab-size 512 --output "$work/model/tokenizer.json" >/dev/null 2>&1
for batch in 1 16; do
  build/evaluate --threads 1 --model "$work/model" --benchmark "$benchmark" --topic Music --max_new_tokens 32 \
    --stop '' --gen_batch $batch --output "$work/out$batch" >"$work/evaluate$batch.log" 2>&1 ||
    { cat "$work/evaluate$batch.log" >&2; exit 1; }
  python3 -c "import json,sys; g=json.load(open(sys.argv[1])); print('evaluate --model gen_batch=%d: %.0f tokens/s, %.1f items/s (%d items, %d tokens, %.2f s)' % (g['gen_batch'], g['tokens_per_second'], g['items_per_second'], g['items'], g['generated_tokens'], g['seconds']))" \
    "$work/out$batch/generation.json"
done
python3 - "$work/out1/graded.jsonl" "$work/out16/graded.jsonl" <<'PY' || mismatch=1
import json, sys
a, b = [[json.loads(l)["predicted"] for l in open(p)] for p in sys.argv[1:]]
print("same answers with gen_batch 1 and 16" if a == b else "ANSWERS DIFFER")
sys.exit(a != b)
PY
exit "$mismatch"
