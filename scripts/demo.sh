#!/usr/bin/env bash
# The main job on its embedded default, from raw text to a scored model, on 2 MPI ranks:
#   1. generate a small music world (build/synth);
#   2. train a byte-level BPE tokenizer on it and curate it (configs/demo.ini): privacy,
#      cleaning, rules, global dedup, decontamination against the world's benchmark,
#      metadata join, mixing, packing into Megatron shards;
#   3. train a tiny reference model (configs/demo_model) on the packed tokens, score
#      every token with it, and continue pretraining an earlier checkpoint with soft
#      token weighting;
#   4. evaluate both on the world's factual-QA benchmark.
# The models are tiny and the corpus small: the point is the whole path, in minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/lib/packages.sh
run() { mpirun $(mpirun_flags) -np 2 "$@"; }  # shellcheck disable=SC2046

demo=out/demo
world=$demo/world
rm -rf "$demo"
build/synth --docs 3000 --seed 7 --output "$world"
build/train-tokenizer --input "$world"/sources/*.jsonl* --text-field text --vocab-size 4096 \
  --output "$demo/tokenizer.json" >/dev/null
run build/curate --config configs/demo.ini --tokenizer "$demo/tokenizer.json" \
  --decontam.benchmarks "$world/benchmark/music_qa.jsonl"
tokens=$demo/curated/tokens

# Reference model: trained from scratch on the curated tokens; its step-100 checkpoint is
# the base model that continued pretraining starts from.
common=(--data "$tokens" --seq_len 128 --batch_size 8 --threads 1)
run build/train --model configs/demo_model --init random --output "$demo/rm" --steps 300 --save_every 100 \
  --lr 0.003 --min_lr 0.0003 --warmup 20 "${common[@]}"
run build/score --model "$demo/rm/checkpoint-000300" --data "$tokens" --seq_len 128 --threads 1
mkdir -p "$demo/cpt"
cp -r "$demo/rm/checkpoint-000100" "$demo/base"
run build/train --model "$demo/base" --output "$demo/cpt" --steps 100 --lr 0.001 --min_lr 0.0001 --warmup 10 \
  --weighting.mode soft --weighting.score ratio "${common[@]}"

for model in base cpt/checkpoint-000100; do
  run build/evaluate --benchmark "$world/benchmark/music_qa.jsonl" --model "$demo/$model" \
    --max_new_tokens 12 --threads 1 --output "$demo/eval/${model%%/*}"
done
echo
echo "Generated world:    $world (manifest.json, truth/, benchmark/)"
echo "Curated documents:  $demo/curated/docs/   report: $demo/curated/report.md"
echo "Packed tokens:      $tokens/ (dataset.json, *.refloss from score)"
echo "Models:             $demo/rm/ (reference), $demo/base/, $demo/cpt/ (continued pretraining)"
echo "Training metrics:   $demo/rm/metrics.jsonl, $demo/cpt/metrics.jsonl"
echo "Evaluation:         $demo/eval/base/report.md, $demo/eval/cpt/report.md"
