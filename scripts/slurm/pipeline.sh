#!/usr/bin/env bash
# Submits the pipeline to Slurm, each job started only when the one before it succeeded
# (--dependency=afterok): curate -> score -> train -> evaluate, with a train job that
# makes the reference model first when CONFIG names none. When a step fails, Slurm
# cancels the jobs after it (--kill-on-invalid-dep=yes); OUT/status/STEP says how each
# step ended, and --wait prints that, naming the failed step's log.
#   scripts/slurm/pipeline.sh CONFIG OUT [--wait] [VAR=value ...]
#   scripts/slurm/pipeline.sh --quick OUT [--wait] [VAR=value ...]
# CONFIG is a file of bash variable assignments (configs/slurm_40b.conf explains each,
# with the cluster arithmetic); VAR=value overrides one (MUCPT_BUILD too: the build the
# jobs run). CONFIG and OUT are taken from the calling folder; paths inside CONFIG from
# the checkout. --quick generates the demo's world, small, and runs
# configs/slurm_quick.conf on it (one to two minutes on 2 cores).
# Prints one line per job: the step, its job id and its log.
set -euo pipefail
usage="usage: scripts/slurm/pipeline.sh (CONFIG | --quick) OUT [--wait] [VAR=value ...]"
[ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
quick=false
if [ "$1" = --quick ]; then
  quick=true
else
  [ -f "$1" ] || { echo "pipeline: no config file $1" >&2; exit 2; }
  config=$(realpath "$1")
fi
OUT=$(realpath -m "$2")
shift 2
cd "$(dirname "$0")/../.."
$quick && config=$PWD/configs/slurm_quick.conf
wait=false
overrides=()
for arg in "$@"; do
  case $arg in
    --wait) wait=true ;;
    [A-Z_]*=*) overrides+=("$arg") ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT/logs"
# shellcheck source=/dev/null
source "$config"
for assignment in "${overrides[@]}"; do printf -v "${assignment%%=*}" '%s' "${assignment#*=}"; done
# The *_ARGS option lists: a bash array as written (a path with spaces stays one word), or
# a string (an override on the command line) split at spaces.
for name in CURATE_ARGS RM_ARGS SCORE_ARGS TRAIN_ARGS EVALUATE_ARGS; do
  [[ "$(declare -p "$name" 2>/dev/null)" == "declare -a"* ]] || read -ra "$name" <<<"${!name:-}"
done
[ -n "${BASE_MODEL:-}${BASE_STEP:-}" ] ||
  { echo "pipeline: give BASE_MODEL, or BASE_STEP (a checkpoint of the reference run)" >&2; exit 2; }
build_dir=${MUCPT_BUILD:-build}  # as in scripts/slurm/lib.sh, which the steps source
if $quick; then
  "$build_dir/synth" --docs 400 --seed 3 --output "$OUT/world" >/dev/null
  "$build_dir/train-tokenizer" --input "$OUT"/world/sources/encyclopedia.jsonl.zst "$OUT"/world/sources/reviews.jsonl.zst \
    --vocab-size 1024 --output "$OUT/tokenizer.json" >/dev/null
fi
status_dir=$OUT/status
rm -rf "$status_dir"

steps=() ids=() last=""
# submit STEP NODES TASKS_PER_NODE CPUS_PER_TASK GPUS_PER_NODE TIME SCRIPT [ARGS...]:
# after the last job. GPUS_PER_NODE empty or 0: none asked for (where GPUs are given only
# to jobs that ask, --device auto would then train on the CPU).
submit() {
  local step=$1 nodes=$2 tasks=$3 cpus=$4 gpus=$5 time=$6
  shift 6
  [ "$gpus" = 0 ] && gpus=
  local id
  id=$(sbatch --parsable --job-name="mucpt-$step" --output="$OUT/logs/$step-%j.log" \
    --nodes="$nodes" --ntasks-per-node="$tasks" --cpus-per-task="$cpus" ${gpus:+--gpus-per-node="$gpus"} \
    --time="$time" \
    --export=ALL,PIPELINE_STATUS_DIR="$status_dir",PIPELINE_STEP="$step",MUCPT_HOME="$PWD",MUCPT_BUILD="$build_dir" \
    ${PARTITION:+--partition="$PARTITION"} ${last:+--dependency=afterok:$last --kill-on-invalid-dep=yes} "$@")
  last=${id%%;*}
  steps+=("$step") ids+=("$last")
  echo "$step $last $OUT/logs/$step-$last.log"
}
checkpoint() { printf '%s/checkpoint-%06d' "$1" "$2"; }

tokens=$OUT/curated/tokens
submit curate "$CURATE_NODES" "$CURATE_TASKS_PER_NODE" 1 0 "$CURATE_TIME" scripts/slurm/curate.sbatch \
  "$CURATE_CONFIG" --manifest "$MANIFEST" --tokenizer "$TOKENIZER" --output "$OUT/curated" "${CURATE_ARGS[@]}"
reference=${RM_MODEL:-}
if [ -z "$reference" ]; then
  submit reference "$TRAIN_NODES" "$TRAIN_TASKS_PER_NODE" "$TRAIN_CPUS" "${TRAIN_GPUS_PER_NODE:-}" "$TRAIN_TIME" \
    scripts/slurm/train.sbatch "$RM_CONFIG" "$tokens" "$OUT/reference" --init random --seq_len "$SEQ_LEN" \
    --steps "$RM_STEPS" "${RM_ARGS[@]}"
  reference=$(checkpoint "$OUT/reference" "$RM_STEPS")
fi
submit score "$SCORE_NODES" "$SCORE_TASKS_PER_NODE" "$SCORE_CPUS" "${SCORE_GPUS_PER_NODE:-}" "$SCORE_TIME" \
  scripts/slurm/score.sbatch "$reference" "$tokens" --seq_len "$SEQ_LEN" "${SCORE_ARGS[@]}"
base=${BASE_MODEL:-$(checkpoint "$OUT/reference" "$BASE_STEP")}
submit train "$TRAIN_NODES" "$TRAIN_TASKS_PER_NODE" "$TRAIN_CPUS" "${TRAIN_GPUS_PER_NODE:-}" "$TRAIN_TIME" \
  scripts/slurm/train.sbatch "$base" "$tokens" "$OUT/train" --seq_len "$SEQ_LEN" --steps "$TRAIN_STEPS" "${TRAIN_ARGS[@]}"
submit evaluate "$EVALUATE_NODES" "$EVALUATE_TASKS_PER_NODE" "$EVALUATE_CPUS" "${EVALUATE_GPUS_PER_NODE:-}" \
  "$EVALUATE_TIME" scripts/slurm/evaluate.sbatch "$(checkpoint "$OUT/train" "$TRAIN_STEPS")" "$BENCHMARK" \
  "$OUT/evaluate" "${EVALUATE_ARGS[@]}"

$wait || { echo "pipeline: each step's end is written to $status_dir/"; exit 0; }
# Until no job is left in a state before its end; squeue failing (a busy controller) is
# asked again, not taken for "all ended".
failures=0
while :; do
  if queued=$(squeue -h -t PD,CF,R,CG,S -j "$(IFS=,; echo "${ids[*]}")" 2>&1); then
    failures=0
    [ -n "$queued" ] || break
  elif grep -q 'Invalid job id' <<<"$queued"; then
    break  # ended long enough ago for Slurm to forget them
  elif [ $((++failures)) -ge 100 ]; then
    echo "pipeline: squeue failed $failures times in a row ($queued); the jobs' ends are in $status_dir/" >&2
    exit 1
  fi
  sleep 3
done
failed=0
for step in "${steps[@]}"; do
  ended=$(cat "$status_dir/$step" 2>/dev/null ||
    echo "never ran: a step before it failed (or it ended without writing its status: see its log)")
  echo "$step: $ended"
  [ "$ended" = ok ] || failed=1
done
exit $failed
