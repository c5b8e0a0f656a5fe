#!/usr/bin/env bash
# Checks that Hugging Face transformers' own modeling code (LlamaForCausalLM and
# Qwen2ForCausalLM) loads a folder train saved with no missing or unexpected weights and
# computes the same float32 logits as train's model (max |difference| <= 1e-4).
# transformers writes two tiny models (save_pretrained: Llama, untied lm_head; Qwen2,
# q/k/v biases and tied embeddings), train loads each and trains it 3 steps, and
# transformers loads the result. Prints each one's missing and unexpected keys, the largest logit
# difference on a fixed id sequence, PASS or FAIL, and the same for from_pretrained.
# transformers runs from a source checkout in TRANSFORMERS_SRC (its src/ on the path;
# 4.37 to 4.41, before its GGUF loader made the tokenizers package a must, and on torch
# 1.13), never part of the project. PEER_SITE is a folder that holds what transformers
# imports beyond Debian's packages: safetensors (>= 0.4.1, its Rust extension built) and
# huggingface_hub (>= 0.23), each with its .dist-info (with no PyPI, safetensors' Python
# bindings build offline with cargo from Debian's librust-pyo3-dev and its crates, and
# huggingface_hub is pure Python). Exits 1 if either model fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/setup.sh >/dev/null
source scripts/lib/packages.sh
ensure_packages python3 python3-numpy python3-torch python3-regex python3-yaml python3-filelock python3-tqdm \
  python3-requests python3-packaging
src=$(realpath "${TRANSFORMERS_SRC:?set TRANSFORMERS_SRC to a source checkout of huggingface/transformers}")
site=$(realpath "${PEER_SITE:?set PEER_SITE to a folder with safetensors and huggingface_hub}")
work=$(realpath -m "${BENCH_DIR:-build/bench/hf_parity}")
rm -rf "$work" && mkdir -p "$work"
export PYTHONPATH="$site:$src/src" OMP_NUM_THREADS=2 TRANSFORMERS_VERBOSITY=error

# The logits printer links the libraries train links, as train does.
(cd build/training && /usr/bin/c++ $(sed -n 's/^CXX_[A-Z]* = //p' CMakeFiles/train.dir/flags.make) \
  -c ../../scripts/bench/peers/hf_logits.cpp -o ../bench/hf_logits.o &&
  eval "$(sed 's#CMakeFiles/train.dir/train_main.cpp.o -o ../train#../bench/hf_logits.o -o ../bench/hf_logits#' \
    CMakeFiles/train.dir/link.txt)")

/usr/bin/python3 scripts/bench/peers/train_bench_data.py "$work/data" 200000 512 >/dev/null
common='"vocab_size": 512, "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
  "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 128, "hidden_act": "silu",
  "torch_dtype": "float32"'
mkdir -p "$work/llama" "$work/qwen2"
echo "{\"architectures\": [\"LlamaForCausalLM\"], \"model_type\": \"llama\", $common, \"rms_norm_eps\": 1e-05,
  \"rope_theta\": 10000.0, \"tie_word_embeddings\": false}" >"$work/llama/config.json"
echo "{\"architectures\": [\"Qwen2ForCausalLM\"], \"model_type\": \"qwen2\", $common, \"rms_norm_eps\": 1e-06,
  \"rope_theta\": 1000000.0, \"tie_word_embeddings\": true, \"use_sliding_window\": false,
  \"sliding_window\": 128, \"max_window_layers\": 2}" >"$work/qwen2/config.json"

ids=(1 403 407 20 300 5 77 42)
status=0
for arch in llama qwen2; do
  /usr/bin/python3 scripts/bench/peers/hf_parity.py --write "$work/$arch"
  build/train --model "$work/$arch" --data "$work/data/tokens" --output "$work/run_$arch" \
    --seq_len 32 --batch_size 2 --steps 3 --threads 2 --save_dtype float32 >"$work/train_$arch.log" 2>&1
  folder="$work/run_$arch/checkpoint-000003"
  build/bench/hf_logits "$folder" "${ids[@]}" >"$work/ours_$arch.json"
  echo "$arch ($folder):"
  /usr/bin/python3 scripts/bench/peers/hf_parity.py "$folder" "$work/ours_$arch.json" "${ids[@]}" || status=1
done
exit $status
