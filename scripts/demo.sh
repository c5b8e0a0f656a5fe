#!/usr/bin/env bash
# The main job on its embedded default: from raw text to models compared on a benchmark,
# on 2 MPI ranks. Usage: scripts/demo.sh [--quick] [--output DIR]
#   1. a generated music world (build/synth) with a quiz source about half of its artists
#      and a benchmark about the other half, asking the facts its artist profiles restate
#      (city, formed year, members' instruments, albums' years and labels); a second
#      world of the same kind with its own artists, the base models' pretraining text; a
#      third for held-out losses;
#   2. a byte-level BPE tokenizer, the domain classifier (music sources against general
#      text), then curate (configs/demo.ini): language ID, classifier weighting, cleaning
#      and quality rules, privacy masking, global dedup, metadata join, decontamination
#      against the benchmark, mixing and packing; a second recipe without general text;
#   3. per seed, a base model pretrained on the second world (it knows how music text and
#      quizzes read, not this world's facts); a reference model trained from the first base
#      on the edited sources of this world (the trusted subset); `score` of every token;
#   4. continued pretraining of each seed's base with ntp, hard (Rho-1) and soft (loss
#      ratio) token weighting on the same data order, and with ntp on the second recipe;
#   5. `evaluate` of every model on the benchmark, `evaluate compare`, and the ablation:
#      report.md, ablation.json and plots in the output folder.
# --quick runs the same path with a tiny world and a few steps (the tests run it).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
demo=out/demo
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=true ;;
    --output) [ $# -ge 2 ] || { echo "usage: scripts/demo.sh [--quick] [--output DIR]" >&2; exit 2; }
              demo=$2; shift ;;
    *) echo "usage: scripts/demo.sh [--quick] [--output DIR]" >&2; exit 2 ;;
  esac
  shift
done

scripts/setup.sh
scripts/lib/fetch_lid_model.sh
source scripts/lib/packages.sh
ensure_packages python3-numpy python3-matplotlib

# Sizes. Steps are optimizer steps of 2 ranks x BATCH windows of 128 tokens.
if $quick; then
  docs=150 artists=12 quiz=60 profiles=4 heldout_docs=200 seeds=(1 2 3)
  base_steps=10 rm_steps=20 cpt_steps=12 batch=4
else
  # A world small enough for continued pretraining to go over it twice: facts are
  # learned from the profiles restating them, the question-answer form from the quizzes.
  docs=300 artists=24 quiz=300 profiles=30 heldout_docs=600 seeds=(1 2 3)
  base_steps=300 rm_steps=300 cpt_steps=200 batch=16
fi
kinds=artist_city,formed,member_instrument,album_year,album_label
modes=(ntp hard soft)

rm -rf "$demo"
mkdir -p "$demo"
started=$(date +%s)
world=$demo/world
# The sizes, for scripts/demo/sweep.sh to reuse the demo's bases and scores.
declare -p seeds base_steps rm_steps cpt_steps batch >"$demo/settings.sh"
# %q: sourced again, a folder named with spaces or quotes stays one word.
printf 'rm_model=%q\n' "$demo/rm/checkpoint-$(printf %06d "$rm_steps")" >>"$demo/settings.sh"
source scripts/demo/lib.sh

# 1. The worlds.
world_options=(--docs "$docs" --artists "$artists" --quiz_docs "$quiz" --profiles "$profiles" --question_kinds "$kinds")
build/synth "${world_options[@]}" --seed 7 --output "$world"
build/synth "${world_options[@]}" --seed 8 --output "$demo/base_world" >/dev/null
build/synth --docs "$heldout_docs" --seed 9 --output "$demo/heldout_world" >/dev/null

# 2. Tokenizer, classifier, curation (two recipes, the trusted subset, the base models'
#    text, held-out text).
build/train-tokenizer --input "$world"/sources/*.jsonl* "$demo/base_world"/sources/*.jsonl* --text-field text \
  --vocab-size 4096 \
  --output "$demo/tokenizer.json" >/dev/null
build/curate train-classifier --manifest "$world/manifest.json" --output "$demo/classifier.bin" \
  --classifier.threads 1 >"$demo/classifier.log"
curate=(--config configs/demo.ini --tokenizer "$demo/tokenizer.json" --langid.model build/models/lid.176.ftz)
decontam=(--decontam.benchmarks "$world/benchmark/music_qa.jsonl")
# Profiles and quiz sheets name their subject in every sentence by design: Gopher's
# repetition rules, made for web prose, are off for them (a source setting).
structured='(.sources[] | select(.name == "profiles" or .name == "quiz") | .settings) = {"gopher_repetition.enabled": false}'
# Two recipes from the manifest's mixing weights: music plus general text (general weighted
# 2, times the classifier's weight of about 0.5: each general document packed about once),
# and music only (general weighted 0).
jq "$structured"' | (.sources[] | select(.domain == "general") | .weight) = 2' "$world/manifest.json" \
  >"$world/manifest_mixed.json"
jq "$structured"' | (.sources[] | select(.domain == "general") | .weight) = 0' "$world/manifest.json" \
  >"$world/manifest_music_only.json"
run build/curate "${curate[@]}" "${decontam[@]}" --manifest "$world/manifest_mixed.json" --output "$demo/curated" \
  --classifier.model "$demo/classifier.bin"
run build/curate "${curate[@]}" "${decontam[@]}" --manifest "$world/manifest_music_only.json" \
  --output "$demo/recipes/music_only" \
  --classifier.model "$demo/classifier.bin" >/dev/null
# The trusted subset for the reference model: the edited sources (no forum, news or web text).
jq "$structured"' | .sources |= map(select(.name == "encyclopedia" or .name == "reviews" or .name == "tracklists"
                                        or .name == "quiz" or .name == "profiles"))' \
  "$world/manifest.json" >"$world/manifest_trusted.json"
jq "$structured" "$demo/base_world/manifest.json" >"$demo/base_world/manifest_curated.json"
run build/curate "${curate[@]}" "${decontam[@]}" --manifest "$world/manifest_trusted.json" --output "$demo/trusted" \
  >/dev/null
run build/curate "${curate[@]}" "${decontam[@]}" --manifest "$demo/base_world/manifest_curated.json" --output "$demo/base_text" \
  --classifier.model "$demo/classifier.bin" >/dev/null
run build/curate "${curate[@]}" --manifest "$demo/heldout_world/manifest.json" --output "$demo/heldout" \
  --mixing.enabled false --packing.shards unit >/dev/null
tokens=$demo/curated/tokens

# 3. Base models (one per seed), the reference model, scores.
mkdir -p "$demo/base"
for seed in "${seeds[@]}"; do
  run build/train --model configs/demo_model --init random --seed "$seed" --output "$demo/base/seed$seed" \
    --data "$demo/base_text/tokens" --steps "$base_steps" --batch_size "$batch" --warmup 20 "${train_common[@]}" \
    >"$demo/base/seed$seed.log" 2>&1 || { cat "$demo/base/seed$seed.log"; exit 1; }
  echo "base-seed$seed: $(last_step "$demo/base/seed$seed.log")"
done
rm_model=$(checkpoint "$demo/rm" "$rm_steps")
run build/train --model "$(base_of "${seeds[0]}")" --output "$demo/rm" --data "$demo/trusted/tokens" \
  --steps "$rm_steps" --batch_size "$batch" --warmup 20 "${train_common[@]}" >"$demo/rm.log" 2>&1 ||
  { cat "$demo/rm.log"; exit 1; }
echo "reference model: $(last_step "$demo/rm.log")"
run build/score --model "$rm_model" --data "$tokens" --seq_len 128 --threads 1 >"$demo/score.log" 2>&1 ||
  { cat "$demo/score.log"; exit 1; }

# 4. Continued pretraining: every mode from the same base with the same data order per seed.
for seed in "${seeds[@]}"; do
  for mode in "${modes[@]}"; do
    cpt_run "$mode-seed$seed" "$seed" "$tokens" --weighting.mode "$mode"
  done
done
cpt_run "music_only-ntp-seed${seeds[0]}" "${seeds[0]}" "$demo/recipes/music_only/tokens" --weighting.mode ntp

# 5. Evaluation, comparison, the ablation report.
evaluate_model base "$(base_of "${seeds[0]}")"
evaluate_model rm "$rm_model"
for run_dir in "$demo"/runs/*/; do
  name=$(basename "$run_dir")
  evaluate_model "$name" "$(checkpoint "$run_dir" "$cpt_steps")"
done
for seed in "${seeds[@]}"; do
  build/evaluate compare "$demo/eval/ntp-seed$seed" "$demo/eval/hard-seed$seed" "$demo/eval/soft-seed$seed" \
    --output "$demo/compare/seed$seed" >/dev/null
done
/usr/bin/python3 scripts/demo/ablation_report.py "$demo" --seeds "${seeds[@]}" --wall_seconds $(( $(date +%s) - started ))
