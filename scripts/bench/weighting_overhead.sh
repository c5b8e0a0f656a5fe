#!/usr/bin/env bash
# What token weighting costs over plain next-token prediction, on train_throughput.sh's
# shape (4 layers, width 256, context 256, batch 8, vocabulary 2,048, float32, THREADS
# threads, default 2): soft weighting with the reference losses score stored, and with
# the reference model run in each step (--weighting.reference). The reference model is
# the ntp run's final checkpoint, of the same size as the model trained. Prints the
# median tokens/s over the steps after the first 5 and the time each adds to a step.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh >/dev/null
source scripts/lib/packages.sh
ensure_packages python3 bc
threads=${THREADS:-2}
steps=${STEPS:-40}
work=$(realpath -m "${BENCH_DIR:-build/bench/weighting}")
rm -rf "$work" && mkdir -p "$work/model"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; $threads threads; $steps steps each"

python3 scripts/bench/peers/train_bench_data.py "$work" 2000000 2048
cp scripts/bench/peers/train_bench_config.json "$work/model/config.json"

# train RUN_NAME DATA [options...]: prints the median tokens/s after the first 5 steps.
train() {
  local name=$1 data=$2
  shift 2
  build/train --model "$work/model" --init random --data "$data" --output "$work/$name" --seq_len 256 \
    --batch_size 8 --steps "$steps" --threads "$threads" --log_every 1000 "$@" >"$work/$name.log" 2>&1
  python3 -c "import json,sys,statistics; v=[json.loads(l)['tokens_per_second'] for l in open(sys.argv[1])][5:]; \
print(statistics.median(v))" "$work/$name/metrics.jsonl"
}

ntp=$(train ntp "$work/tokens")
reference="$work/ntp/$(cat "$work/ntp/latest")"
cp -r "$work/tokens" "$work/scored"
build/score --model "$reference" --data "$work/scored" --seq_len 256 --threads "$threads" >"$work/score.log" 2>&1
stored=$(train stored "$work/scored" --weighting.mode soft)
online=$(train online "$work/tokens" --weighting.mode soft --weighting.reference "$reference")

report() { printf "%-34s %8.0f tokens/s  %+6.1f%% time per step\n" "$1" "$2" "$(echo "($ntp / $2 - 1) * 100" | bc -l)"; }
report "ntp" "$ntp"
report "soft, stored reference losses" "$stored"
report "soft, reference model in the step" "$online"
