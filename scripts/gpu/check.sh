#!/usr/bin/env bash
# The GPU check, on a machine with one NVIDIA GPU, a CUDA PyTorch (python3), CMake and
# nvcc, but none of the Debian libraries and no network. scripts/gpu/prepare.sh must
# have filled .gpu/ on the Debian machine first (and .gpu/ travel with the checkout).
#
# Builds train, score and evaluate against the Debian packages in .gpu/debs/ and the GPU's
# PyTorch (scripts/gpu/build.sh), then checks on `cuda`:
#   1. stories260K's greedy ids equal llama2.c's golden ids;
#   2. 50 steps of a small Llama in bf16 follow the float32 loss curve on `cpu`
#      (every step within 0.1 nats, the last 10 within 0.05 on average);
#   3. training tokens/s beside nanoGPT's train.py (bf16 autocast, not compiled) on the
#      same GPU, data and shape (GPT-2 small: 12 layers, width 768, context 1024);
#   4. `score` on cuda equals `score` on cpu to 1e-3 on every token;
#   5. 20 steps of hard (Rho-1) and soft (loss ratio) weighted training on cuda follow
#      the same on cpu (float32 both, every step within 0.02 nats), and soft in bf16 with
#      activation checkpointing over 2 micro-batches follows cpu's float32 soft (0.1),
#      as does soft in bf16 with the loss taken 32 positions at a time
#      (--sliced_loss_logits, the head's logits made again in the backward);
#   6. 64 prompts of different lengths decoded in one left-padded batch (one masked
#      attention pass) continue as each does alone (at most one row may part, where two
#      logits tie within rounding), and the batch's tokens/s beside one prompt at a time;
#   7. nccl_check: NCCL's all-reduce, the gradients' path between GPUs, averages a 256 MiB
#      buffer exactly (with one rank the path runs and must be exact; its bandwidth
#      measures no link).
# Writes every figure to one JSON file (argument 1; default $OUT/gpu_check.json where
# $OUT is set, else .gpu/gpu_check.json), the logs beside it (gpu_check_logs/), and exits
# 1 when a check fails. A step that fails is named in failed_steps and the rest still run.
#
# CHECK_DEVICE=cpu runs the same checks with build/ on the CPU (the compared runs all
# on cpu, a smaller throughput shape): a check of this script where no GPU is.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$(date +%s)
device=${CHECK_DEVICE:-cuda}
report=${1:-${OUT:-.gpu}/gpu_check.json}
# The runs' files: .gpu/work on the GPU machine (build.sh logs there too); with
# CHECK_DEVICE=cpu build/gpu_check_work, so that .gpu/ stays small enough to carry.
work=.gpu/work
[ "$device" = cpu ] && work=build/gpu_check_work
# Whatever happens, the logs come back with the figures (the device machine returns $OUT).
logs=$(dirname "$report")/gpu_check_logs
keep_logs() { mkdir -p "$logs" && find "$work" -name '*.log' -exec cp --parents {} "$logs" \; 2>/dev/null || true; }
trap keep_logs EXIT
rm -rf "$work" && mkdir -p "$work"
# A step that fails is named in the figures (failed_steps: STEP:exitCODE, 124 when it ran
# past its time limit) and the check goes on: one device run brings back every figure it
# can, and a step that hangs cannot take the whole run.
failed() { echo "$1:exit$2" >>"$work/failed_steps"; echo "check: $1 failed, exit $2 (its log is in gpu_check_logs/)" >&2; }
[ -d .gpu/data/stories260K ] || { echo ".gpu/ is missing: run scripts/gpu/prepare.sh on the Debian machine" >&2; exit 2; }
python=python3
if [ "$device" = cpu ]; then  # nanoGPT runs on Debian's PyTorch here
  python=/usr/bin/python3
  source scripts/lib/packages.sh
  ensure_packages python3-numpy python3-torch >&2
fi

# --- the machine ---------------------------------------------------------------------
# What the build finds there (system, compiler, CUDA, PyTorch, NCCL), recorded first: a
# machine that is lent for minutes must tell at once why a step failed.
(set +e +o pipefail
  uname -srm; grep -h '^PRETTY_NAME' /etc/os-release; ldd --version | head -n 1
  for tool in c++ cmake ninja nvcc dpkg ar; do echo "$tool: $(command -v $tool || echo none)"; done
  c++ --version | head -n 1; cmake --version | head -n 1; nvcc --version | tail -n 2
  ls -d /usr/local/cuda*; nvidia-smi | head -n 12
  $python -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "cudnn", torch.backends.cudnn.version(),
    "cxx11 abi", torch.compiled_with_cxx11_abi(), "gpu", torch.cuda.is_available()); print(torch.utils.cmake_prefix_path)'
  $python -c 'import nvidia.nccl as n; print("nccl wheel:", list(n.__path__))'
) >"$work/environment.log" 2>&1 || true

# --- build ---------------------------------------------------------------------------
if [ "$device" = cuda ]; then
  # The Debian libraries use the C++11 string ABI: a LibTorch built with the old one
  # cannot share a std::string with them.
  python3 -c 'import sys, torch; sys.exit(0 if torch.compiled_with_cxx11_abi() else 1)' ||
    { echo "this PyTorch uses the pre-C++11 string ABI; the Debian libraries need the C++11 one (PyTorch 2.7 or later)" >&2; exit 2; }
  # LibTorch, the GPU's architecture, and NCCL from PyTorch's own wheel (nvidia-nccl).
  scripts/gpu/build.sh "$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')" \
    "$(python3 -c 'import torch; print("%d.%d" % torch.cuda.get_device_capability())')" \
    "$(python3 -c 'import nvidia.nccl as n; print(list(n.__path__)[0])' 2>/dev/null || true)"
  source scripts/gpu/env.sh
  bin=build-gpu
else
  [ -x build/train ] || { echo "CHECK_DEVICE=cpu uses build/: build it first (scripts/setup.sh)" >&2; exit 2; }
  bin=build
fi
built=$(date +%s)

# --- 1. golden greedy ids ------------------------------------------------------------
golden=.gpu/data/stories260K/golden_greedy.json
# python3, not jq: the GPU machine has PyTorch's Python but not necessarily jq.
golden_field() { $python -c 'import json, sys; print(sys.argv[3].join(map(str, json.load(open(sys.argv[1]))[sys.argv[2]])))' "$golden" "$@"; }
prompt=$(golden_field prompt_ids ,)
expected=$(golden_field greedy_ids " ")
timeout 120 "$bin/evaluate" generate --model .gpu/data/stories260K --ids "$prompt" --max_new_tokens "$(wc -w <<<"$expected")" \
  --device "$device" >"$work/generate.log" 2>&1 || failed generate $?
got=$(tail -n 1 "$work/generate.log")
golden_equal=false
[ "$got" = "$expected" ] && golden_equal=true

# --- 2. a small model: bf16 on the device against float32 on cpu -------------------
# One token stream for every run: tokens/ for train and score, nanogpt/data/ for the peer.
data=$work/data
$python scripts/bench/peers/train_bench_data.py "$data" 2000000 2048 >/dev/null
mkdir -p "$work/small/model" && cp scripts/bench/peers/train_bench_config.json "$work/small/model/config.json"
train_small() {  # DEVICE DTYPE OUT
  timeout 240 "$bin/train" --model "$work/small/model" --init random --data "$data/tokens" --output "$3" --seq_len 256 \
    --batch_size 8 --steps 50 --log_every 1000 --device "$1" --dtype "$2" >"$3.log" 2>&1
}
train_small cpu float32 "$work/small/cpu" || failed train_small_cpu_float32 $?
train_small "$device" bfloat16 "$work/small/device" || failed train_small_device_bfloat16 $?

# --- 3. throughput beside nanoGPT ----------------------------------------------------
if [ "$device" = cuda ]; then layers=12 width=768 heads=12 ffn=2048 context=1024 batch=16 steps=40
else layers=4 width=256 heads=4 ffn=683 context=256 batch=8 steps=15; fi
big=$work/big
mkdir -p "$big/model"
$python - scripts/bench/peers/train_bench_config.json "$big/model/config.json" $layers $width $heads $ffn $context <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
layers, width, heads, ffn, context = map(int, sys.argv[3:8])
config.update(num_hidden_layers=layers, hidden_size=width, num_attention_heads=heads, num_key_value_heads=heads,
              intermediate_size=ffn, max_position_embeddings=context)
json.dump(config, open(sys.argv[2], "w"), indent=1)
PY
dtype=bfloat16
[ "$device" = cpu ] && dtype=float32
timeout 240 "$bin/train" --model "$big/model" --init random --data "$data/tokens" --output "$big/run" --seq_len $context \
  --batch_size $batch --steps $steps --log_every 1000 --device "$device" --dtype $dtype >"$big/train.log" 2>&1 ||
  failed train_throughput $?
(cd "$data/nanogpt" && cp "$OLDPWD"/.gpu/nanogpt/{train.py,model.py,configurator.py} . &&
  timeout 240 $python train.py --device="$device" --compile=False --dtype=$dtype --dataset=bench --n_layer=$layers --n_head=$heads \
    --n_embd=$width --block_size=$context --batch_size=$batch --gradient_accumulation_steps=1 --bias=False \
    --dropout=0.0 --max_iters=$steps --eval_interval=100000 --eval_iters=1 --log_interval=1 \
    --always_save_checkpoint=False --out_dir=out >"$OLDPWD/$big/nanogpt.log" 2>&1) || failed nanogpt $?
{ sed -n 's/^iter [0-9]*: .*time \([0-9.]*\)ms.*/\1/p' "$big/nanogpt.log" |
  awk -v t=$((batch * context)) '{print t * 1000 / $1}' >"$big/nanogpt.tps"; } 2>/dev/null || true

# --- 4. score on the device against score on cpu -------------------------------------
$python scripts/bench/peers/train_bench_data.py "$work/score_data" 200000 2048 >/dev/null
for d in cpu device; do cp -r "$work/score_data/tokens" "$work/score_$d"; done
checkpoint=$(ls -d "$work"/small/cpu/checkpoint-* 2>/dev/null | tail -n 1) || true
timeout 240 "$bin/score" --model "$checkpoint" --data "$work/score_cpu" --seq_len 256 --dtype float32 --device cpu \
  >"$work/score_cpu.log" 2>&1 || failed score_cpu $?
timeout 120 "$bin/score" --model "$checkpoint" --data "$work/score_device" --seq_len 256 --dtype float32 --device "$device" \
  >"$work/score_device.log" 2>&1 || failed score_device $?

# --- 5. weighted training on the device against cpu ----------------------------------
# Rho-1's hard selection and the soft loss ratio read the reference losses score stored
# (cpu's, for both runs); float32 on both sides, so the curves agree closely.
for mode in hard soft; do
  for d in cpu device; do
    dev=$d
    [ "$d" = device ] && dev=$device
    timeout 120 "$bin/train" --model "$work/small/model" --init random --data "$work/score_cpu" \
      --output "$work/weighted_${mode}_$d" --seq_len 256 --batch_size 8 --steps 20 --log_every 1000 \
      --weighting.mode $mode --device "$dev" --dtype float32 >"$work/weighted_${mode}_$d.log" 2>&1 ||
      failed "weighted_${mode}_$d" $?
  done
done
# The same global batch in 2 micro-batches, each layer recomputed in the backward, in bf16:
# the paths where autocast meets passes without gradients.
timeout 120 "$bin/train" --model "$work/small/model" --init random --data "$work/score_cpu" \
  --output "$work/weighted_soft_bf16" --seq_len 256 --batch_size 4 --grad_accum 2 --steps 20 --log_every 1000 \
  --weighting.mode soft --device "$device" --dtype bfloat16 --activation_checkpointing \
  >"$work/weighted_soft_bf16.log" 2>&1 || failed weighted_soft_bf16 $?
# The loss a slice of 32 positions at a time (65,536 logits over 2,048 ids), under autocast.
timeout 120 "$bin/train" --model "$work/small/model" --init random --data "$work/score_cpu" \
  --output "$work/weighted_soft_bf16_sliced" --seq_len 256 --batch_size 4 --grad_accum 2 --steps 20 --log_every 1000 \
  --weighting.mode soft --device "$device" --dtype bfloat16 --sliced_loss_logits 65536 \
  >"$work/weighted_soft_bf16_sliced.log" 2>&1 || failed weighted_soft_bf16_sliced $?

# --- 6. batched decoding against one prompt at a time -------------------------------
# The golden prompt extended by the first k reference ids, k = 0 .. 63, mixed in length.
$python - "$golden" "$work/prompts.txt" <<'PY'
import json, sys
golden = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    for k in sorted(range(64), key=lambda k: (k * 37) % 64):
        out.write(",".join(map(str, golden["prompt_ids"] + golden["greedy_ids"][:k])) + "\n")
PY
for batch in 64 1; do
  timeout 120 "$bin/evaluate" generate --model .gpu/data/stories260K --ids_file "$work/prompts.txt" --gen_batch $batch \
    --max_new_tokens 32 --device "$device" >"$work/generate_batch_$batch.out" 2>"$work/generate_batch_$batch.log" ||
    failed "generate_batch_$batch" $?
done

# --- 7. NCCL's all-reduce -------------------------------------------------------------
if [ "$device" = cuda ] && [ -x "$bin/nccl_check" ]; then
  timeout 120 "$bin/nccl_check" >"$work/nccl_check.out" 2>"$work/nccl_check.log" || failed nccl_check $?
fi

# --- the figures ---------------------------------------------------------------------
mkdir -p "$(dirname "$report")"
$python - "$work" "$device" "$golden_equal" "$((built - started))" "$started" "$report" "$bin" <<'PY'
import json, math, statistics, struct, subprocess, sys, time
work, device, golden_equal, build_s, started, report = sys.argv[1:7]

def losses(run):
    return [json.loads(l)["loss"] for l in open(f"{run}/metrics.jsonl")]

def tokens_per_s(run):
    return [json.loads(l)["tokens_per_second"] for l in open(f"{run}/metrics.jsonl")]

def refloss(folder):
    raw = open(f"{folder}/rank-00000.refloss", "rb").read()
    n = struct.unpack_from("<Q", raw, 16)[0]
    return struct.unpack_from("<%df" % n, raw, 32)

def attempt(figure):
    """The figure, or what kept it from being measured (a failed step leaves no file)."""
    try:
        return figure()
    except Exception as e:
        return {"error": f"{type(e).__name__}: {e}", "pass": False}

def loss_curve():
    cpu, dev = losses(f"{work}/small/cpu"), losses(f"{work}/small/device")
    diffs = [abs(a - b) for a, b in zip(cpu, dev)]
    curve = {"steps": len(dev), "cpu_float32_first_last": [cpu[0], cpu[-1]],
             "device_bfloat16_first_last": [dev[0], dev[-1]], "max_abs_diff": max(diffs),
             "last10_mean_abs_diff": statistics.mean(diffs[-10:]),
             "tolerance": "every step within 0.1 nats, the last 10 within 0.05 on average"}
    curve["pass"] = (len(dev) == 50 and len(cpu) == 50 and curve["max_abs_diff"] <= 0.1
                     and curve["last10_mean_abs_diff"] <= 0.05)
    return curve

def throughput():
    ours = statistics.median(tokens_per_s(f"{work}/big/run")[5:])
    peer = [float(x) for x in open(f"{work}/big/nanogpt.tps")]
    theirs = statistics.median(peer[5:]) if len(peer) > 5 else float("nan")
    config = json.load(open(f"{work}/big/model/config.json"))
    return {"shape": {k: config[k] for k in ("num_hidden_layers", "hidden_size", "num_attention_heads",
                                             "intermediate_size", "max_position_embeddings", "vocab_size")},
            "train_tokens_per_s": ours, "nanogpt_tokens_per_s": theirs, "ratio": ours / theirs,
            "note": "medians after 5 warm-up steps; nanoGPT train.py, bf16 autocast, compile=False"}

def score():
    a, b = refloss(f"{work}/score_cpu"), refloss(f"{work}/score_device")
    same_nan = len(a) == len(b) and all(math.isnan(x) == math.isnan(y) for x, y in zip(a, b))
    diff = max((abs(x - y) for x, y in zip(a, b) if not math.isnan(x)), default=float("inf"))
    return {"tokens": len(a), "max_abs_diff": diff, "pass": same_nan and diff <= 1e-3}

def weighted_curves():
    tolerance = 0.02
    curves = {}
    for mode in ("hard", "soft"):
        cpu, dev = losses(f"{work}/weighted_{mode}_cpu"), losses(f"{work}/weighted_{mode}_device")
        diff = max(abs(a - b) for a, b in zip(cpu, dev))
        curves[mode] = {"steps": len(dev), "cpu_first_last": [cpu[0], cpu[-1]], "device_first_last": [dev[0], dev[-1]],
                        "max_abs_diff": diff, "pass": len(cpu) == len(dev) == 20 and diff <= tolerance}
    cpu = losses(f"{work}/weighted_soft_cpu")
    for name, run in (("soft_bf16_checkpointed_2_micro_batches", "weighted_soft_bf16"),
                      ("soft_bf16_sliced_loss_2_micro_batches", "weighted_soft_bf16_sliced")):
        bf16 = losses(f"{work}/{run}")
        diff = max(abs(a - b) for a, b in zip(cpu, bf16))
        curves[name] = {"steps": len(bf16), "device_first_last": [bf16[0], bf16[-1]],
                        "max_abs_diff_to_cpu_float32": diff, "pass": len(bf16) == 20 and diff <= 0.1}
    curves["tolerance"] = (f"float32 on both: every step within {tolerance} nats; bf16 against cpu's float32: "
                           "within 0.1")
    curves["pass"] = all(curves[k]["pass"] for k in ("hard", "soft", "soft_bf16_checkpointed_2_micro_batches",
                                                     "soft_bf16_sliced_loss_2_micro_batches"))
    return curves

def batched_decoding():
    def run(batch):
        lines = open(f"{work}/generate_batch_{batch}.out").read().splitlines()
        log = open(f"{work}/generate_batch_{batch}.log").read()
        return lines, float(log.split(" tokens/s")[0].rsplit("(", 1)[1])
    batched, batched_tps = run(64)
    alone, alone_tps = run(1)
    equal = sum(a == b for a, b in zip(batched, alone))
    return {"prompts": len(alone), "rows_equal_to_alone": equal, "batch_64_tokens_per_s": batched_tps,
            "one_at_a_time_tokens_per_s": alone_tps, "speedup": batched_tps / alone_tps,
            "tolerance": "every row but at most one equal (two logits may tie within rounding)",
            "pass": len(alone) == len(batched) == 64 and equal >= 63}

def nccl_allreduce():
    if device == "cpu":
        return {"not_run": "CHECK_DEVICE=cpu: NCCL needs a GPU", "pass": True}
    figures = json.loads(open(f"{work}/nccl_check.out").read().strip().splitlines()[-1])
    figures["note"] = "one rank on one GPU: the path runs and is exact; its bandwidth is no link's"
    figures["pass"] = figures["max_abs_error"] == 0
    return figures

def gpu_name():
    try:
        smi = subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version", "--format=csv,noheader"],
                             capture_output=True, text=True)
        return smi.stdout.strip() if smi.returncode == 0 else "none"
    except OSError:
        return "none"

try:
    import torch
    torch_version = torch.__version__
except ImportError:
    torch_version = "none"
linked = subprocess.run(["ldd", sys.argv[7] + "/train"], capture_output=True, text=True).stdout
try:
    failed_steps = open(f"{work}/failed_steps").read().split()
except FileNotFoundError:
    failed_steps = []
figures = {"device": device, "gpu": gpu_name(), "torch": torch_version, "nccl_linked": "libnccl" in linked,
           "golden_greedy_ids_equal": golden_equal == "true", "loss_curve": attempt(loss_curve),
           "throughput": attempt(throughput), "score": attempt(score), "weighted_training": attempt(weighted_curves),
           "batched_decoding": attempt(batched_decoding),
           "nccl_allreduce": attempt(nccl_allreduce), "failed_steps": failed_steps,
           "build_seconds": int(build_s), "total_seconds": int(time.time()) - int(started)}
figures["pass"] = (figures["golden_greedy_ids_equal"] and figures["loss_curve"]["pass"] and figures["score"]["pass"]
                   and figures["weighted_training"]["pass"] and figures["batched_decoding"]["pass"]
                   and (figures["nccl_allreduce"]["pass"] or not figures["nccl_linked"]) and not failed_steps)
json.dump(figures, open(report, "w"), indent=1)
print(json.dumps(figures, indent=1))
sys.exit(0 if figures["pass"] else 1)
PY
