#!/usr/bin/env bash
# More seeds on a finished demo: for each new seed its base model, continued pretraining
# with ntp, hard and soft on the same world, reference model and scores, and evaluation;
# then the ablation over every seed, the demo's and the new ones, in DEMO_DIR/all_seeds
# (report.md, ablation.json, plots). The demo's own report stays as it is.
# Usage: scripts/demo/more_seeds.sh DEMO_DIR SEED...
set -euo pipefail
cd "$(dirname "$0")/../.."
demo=${1:?usage: scripts/demo/more_seeds.sh DEMO_DIR SEED...}
shift
[ $# -gt 0 ] || { echo "usage: scripts/demo/more_seeds.sh DEMO_DIR SEED..." >&2; exit 2; }
source scripts/lib/packages.sh
source "$demo/settings.sh"
source scripts/demo/lib.sh
world=$demo/world
tokens=$demo/curated/tokens
new_seeds=("$@")
for seed in "${new_seeds[@]}"; do
  for known in "${seeds[@]}"; do
    [ "$seed" != "$known" ] || { echo "seed $seed is one of the demo's" >&2; exit 2; }
  done
done

for seed in "${new_seeds[@]}"; do
  [ -d "$(base_of "$seed")" ] || run build/train --model configs/demo_model --init random --seed "$seed" \
    --output "$demo/base/seed$seed" --data "$demo/base_text/tokens" --steps "$base_steps" --batch_size "$batch" \
    --warmup 20 "${train_common[@]}" >"$demo/base/seed$seed.log" 2>&1 || { cat "$demo/base/seed$seed.log"; exit 1; }
  echo "base-seed$seed: $(last_step "$demo/base/seed$seed.log")"
  for mode in ntp hard soft; do
    cpt_run "$mode-seed$seed" "$seed" "$tokens" --weighting.mode "$mode"
    evaluate_model "$mode-seed$seed" "$(checkpoint "$demo/runs/$mode-seed$seed" "$cpt_steps")"
  done
  build/evaluate compare "$demo/eval/ntp-seed$seed" "$demo/eval/hard-seed$seed" "$demo/eval/soft-seed$seed" \
    --output "$demo/compare/seed$seed" >/dev/null
done

# The report over every seed reads the demo's folders; its own files go beside them.
all=$demo/all_seeds
rm -rf "$all"
mkdir -p "$all"
for entry in "$demo"/*; do
  case "$(basename "$entry")" in
    all_seeds | report.md | ablation.json | *.png | sweep.*) ;;
    *) ln -s "$(realpath "$entry")" "$all/$(basename "$entry")" ;;
  esac
done
/usr/bin/python3 scripts/demo/ablation_report.py "$all" --seeds "${seeds[@]}" "${new_seeds[@]}"
