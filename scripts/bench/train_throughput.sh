#!/usr/bin/env bash
# Training speed beside nanoGPT's train.py, in one run, on the same tokens and shape:
# 4 layers, 4 heads, width 256, context 256, batch 8, vocabulary 2,048, float32, THREADS
# threads (default 2) for both (SwiGLU width 683 gives the MLP the weights of GELU at
# 4x). nanoGPT runs from a source checkout given in NANOGPT_SRC (never part of the
# project) on Debian's python3-torch: the same torch 1.13 kernels and OpenBLAS, where
# train runs the model's float32 matrix products on oneDNN (training/model/gemm.h). Prints
# the median tokens/s of each over the steps after the first 5, their ratio, and each
# one's share of this machine's float32 matrix-multiply peak (measured here).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh >/dev/null
source scripts/lib/packages.sh
ensure_packages python3 python3-numpy python3-torch bc
src=$(realpath "${NANOGPT_SRC:?set NANOGPT_SRC to a source checkout of karpathy/nanoGPT}")
threads=${THREADS:-2}
steps=${STEPS:-40}
work=$(realpath -m "${BENCH_DIR:-build/bench/train}")
rm -rf "$work" && mkdir -p "$work/model"
export OMP_NUM_THREADS=$threads
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}; $threads threads; $steps steps each"

/usr/bin/python3 scripts/bench/peers/train_bench_data.py "$work" 2000000 2048
cp scripts/bench/peers/train_bench_config.json "$work/model/config.json"

# Median over the steps after the first 5 of a list of tokens/s figures.
median_after_warmup() { tail -n +6 | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

build/train --model "$work/model" --init random --data "$work/tokens" --output "$work/run" --seq_len 256 \
  --batch_size 8 --steps "$steps" --threads "$threads" --log_every 1000 >"$work/train.log" 2>&1
ours=$(/usr/bin/python3 -c "import json,sys; [print(json.loads(l)['tokens_per_second']) for l in open(sys.argv[1])]" \
  "$work/run/metrics.jsonl" | median_after_warmup)

(cd "$work/nanogpt" && ln -sf "$src"/{train.py,model.py,configurator.py} . &&
  /usr/bin/python3 train.py --device=cpu --compile=False --dtype=float32 --dataset=bench --n_layer=4 --n_head=4 \
    --n_embd=256 --block_size=256 --batch_size=8 --gradient_accumulation_steps=1 --bias=False --dropout=0.0 \
    --max_iters="$steps" --eval_interval=100000 --eval_iters=1 --log_interval=1 --always_save_checkpoint=False \
    --out_dir="$work/nanogpt/out" >"$work/nanogpt.log" 2>&1)
theirs=$(sed -n 's/^iter [0-9]*: .*time \([0-9.]*\)ms.*/\1/p' "$work/nanogpt.log" |
  awk '{print 8 * 256 * 1000 / $1}' | median_after_warmup)

# Float32 GEMM peak of this machine through the same torch, and each trainer's share of
# it at 6 x parameters + attention FLOPs per token (PaLM's count).
peak=$(/usr/bin/python3 - "$threads" <<'PY'
import sys, time, torch
torch.set_num_threads(int(sys.argv[1]))
a, b = torch.randn(2048, 2048), torch.randn(2048, 2048)
for _ in range(3): a @ b
runs = []
for _ in range(10):
    t = time.perf_counter(); a @ b; runs.append(time.perf_counter() - t)
print(2 * 2048 ** 3 / sorted(runs)[len(runs) // 2])
PY
)
flops_per_token=$(( 6 * (4 * (4 * 256 * 256 + 3 * 256 * 683) + 2048 * 256) + 12 * 4 * 256 * 256 ))
printf "train:   %8.0f tokens/s  (%.1f%% of the %.1f GFLOP/s float32 peak)\n" "$ours" \
  "$(echo "$ours * $flops_per_token * 100 / $peak" | bc -l)" "$(echo "$peak / 1000000000" | bc -l)"
printf "nanoGPT: %8.0f tokens/s  (%.1f%%)\n" "$theirs" "$(echo "$theirs * $flops_per_token * 100 / $peak" | bc -l)"
printf "ratio train / nanoGPT: %.2f\n" "$(echo "$ours / $theirs" | bc -l)"
