#!/usr/bin/env bash
# The soft-weighting sweep on a finished demo: the same bases, reference scores and data
# order, one setting changed at a time (the score function, eps, lambda, a
# reference model trained on the whole curated corpus instead of the trusted subset, run
# online), every seed. Writes sweep.json and sweep.md, and the table as the last section
# of the demo's report.md.
# Usage: scripts/demo/sweep.sh [DEMO_DIR (default out/demo)]
set -euo pipefail
cd "$(dirname "$0")/../.."
demo=${1:-out/demo}
source scripts/lib/packages.sh
source "$demo/settings.sh"
source scripts/demo/lib.sh
world=$demo/world
tokens=$demo/curated/tokens

# The other reference model: the same budget on everything curate kept.
rm_all=$(checkpoint "$demo/rm_all" "$rm_steps")
[ -d "$rm_all" ] || run build/train --model "$(base_of "${seeds[0]}")" --output "$demo/rm_all" --data "$tokens" \
  --steps "$rm_steps" --batch_size "$batch" --warmup 20 "${train_common[@]}" >"$demo/rm_all.log" 2>&1 ||
  { cat "$demo/rm_all.log"; exit 1; }

declare -A variants=(
  [soft-excess]="--weighting.score excess"
  [soft-inverse_ref]="--weighting.score inverse_ref"
  [soft-eps1]="--weighting.eps 1"
  [soft-lambda0.5]="--weighting.lambda 0.5"
  [soft-rm_all]="--weighting.reference RM_ALL"
)
# A variant's options as words, RM_ALL the reference's path as one word (spaces and all).
variant_options() { local words; read -ra words <<<"${variants[$1]}"; printf '%s\0' "${words[@]/#RM_ALL/$rm_all}"; }
names=()
for name in $(printf '%s\n' "${!variants[@]}" | sort); do
  for seed in "${seeds[@]}"; do
    mapfile -d '' options < <(variant_options "$name")
    cpt_run "$name-seed$seed" "$seed" "$tokens" --weighting.mode soft "${options[@]}"
    evaluate_model "$name-seed$seed" "$(checkpoint "$demo/runs/$name-seed$seed" "$cpt_steps")"
  done
  names+=("$name")
done
/usr/bin/python3 scripts/demo/sweep_report.py "$demo" --seeds "${seeds[@]}" --variants "${names[@]}" \
  --settings "$(for n in "${names[@]}"; do printf '%s=%s;' "$n" "${variants[$n]/RM_ALL/$rm_all}"; done)"
