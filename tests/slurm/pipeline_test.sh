#!/usr/bin/env bash
# scripts/slurm/pipeline.sh under a real one-node Slurm: --quick runs its jobs in order
# (curate, reference, score, train, evaluate), each after the one before ended, and each
# leaves its output; with a step made to fail, the jobs after it never run and --wait
# names the failed step's log. Skips (exit 77) only where the daemons cannot start here
# for a reason outside the project, never when CI is set (and not empty).
# Usage: pipeline_test.sh BUILD_DIR
set -uo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/packages.sh
source tests/slurm/one_node_cluster.sh
work=$(realpath -m "${1:?usage: pipeline_test.sh BUILD_DIR}/test-scratch/slurm_pipeline")
MUCPT_BUILD=$(realpath "$1") && export MUCPT_BUILD  # the steps run this build's programs
failures=0
check() {  # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; failures=$((failures + 1)); fi
}
cannot_run() {
  echo "$1"
  for log in "$work"/cluster/log/*.log; do [ -f "$log" ] && { echo "--- $log"; tail -20 "$log"; }; done
  [ -n "${CI:-}" ] && exit 1
  echo "skipped: a one-node Slurm cannot start on this machine"
  exit 77
}

# A step Slurm ends (SIGTERM, to every process of the job, at its time limit or on
# scancel) is recorded as failed with 143, not with the status of its last finished
# command (here `true`: "ok").
term=$work/term_status
rm -rf "$term"
PIPELINE_STATUS_DIR=$term PIPELINE_STEP=step SLURM_JOB_ID=0 setsid bash -c 'source scripts/slurm/lib.sh; true; sleep 60' &
sleep 1
kill -TERM -- -$!
wait $!
check "a step ended by SIGTERM is recorded as failed with exit 143" grep -q '^failed with exit 143 ' "$term/step"

ensure_packages slurm-wlm munge || cannot_run "slurm-wlm and munge are not installed and cannot be"
start_cluster "$work/cluster" || cannot_run "the Slurm daemons did not start"

out=$work/quick
rm -rf "$out" "$work/failed"  # a run left by an earlier test would be resumed, not run
report=$(scripts/slurm/pipeline.sh --quick "$out" --wait 2>&1)
status=$?
echo "$report"
check "pipeline --quick --wait exits 0" test "$status" -eq 0
check "every step ended ok" test "$(grep -c ': ok$' <<<"$report")" -eq 5

# Slurm's own record: five jobs completed, each started after the one before it ended.
jobs=$(grep -o 'Name=mucpt-[a-z]* JobState=[A-Z]*.*' "$cluster_dir/jobcomp.log" |
  sed -E 's/Name=mucpt-([a-z]*) JobState=([A-Z]*).* StartTime=([^ ]*) EndTime=([^ ]*).*/\1 \2 \3 \4/')
echo "$jobs"
check "the jobs ran as curate, reference, score, train, evaluate" \
  test "$(awk '{printf "%s ", $1}' <<<"$jobs")" = "curate reference score train evaluate "
check "every job completed" test "$(grep -c ' COMPLETED ' <<<"$jobs")" -eq 5
check "each job started after the one before it ended" \
  awk 'NR > 1 && $3 < previous_end { exit 1 } { previous_end = $4 }' <<<"$jobs"

check "curate wrote its report and packed tokens" test -f "$out/curated/report.json" -a -f "$out/curated/tokens/dataset.json"
check "score stored the reference losses" test -f "$out/curated/tokens/refloss.json"
check "train saved its last checkpoint" test -f "$out/train/checkpoint-000005/model.safetensors"
check "train's metrics have one line per step" test "$(wc -l <"$out/train/metrics.jsonl")" -eq 5
questions=$(grep -c . "$out/world/benchmark/music_qa.jsonl")
check "evaluate graded every question" test "$(grep -c . "$out/evaluate/graded.jsonl")" -eq "$questions"
# Each step chose its launcher (srun with PMIx where this Slurm has it, else mpirun) and
# says which in its log.
launchers=$(cat "$out"/logs/*.log | grep -E '^launch: (srun --mpi=pmix|mpirun)$' | sort | uniq -c)
echo "$launchers"
check "each of the five steps names its launcher" test "$(awk '{n += $1} END {print n}' <<<"$launchers")" -eq 5

# A reference model that is not there: score fails, train and evaluate never run.
failed=$work/failed
report=$(scripts/slurm/pipeline.sh --quick "$failed" --wait RM_MODEL="$work/no_such_model" 2>&1)
status=$?
echo "$report"
check "a failed pipeline exits 1" test "$status" -eq 1
score_log=$(sed -n 's/^score: failed with exit [0-9]* (job [0-9]*); log: //p' <<<"$report")
check "--wait names the failed step and its log" test -n "$score_log" -a -f "$score_log"
check "the log says what failed" grep -q "no_such_model" "$score_log"
check "the steps after it never ran" test "$(grep -c ': never ran: a step before it failed ' <<<"$report")" -eq 2
check "train wrote nothing" test ! -e "$failed/train"
check "Slurm cancelled train and evaluate" \
  test "$(grep -cE 'Name=mucpt-(train|evaluate) JobState=CANCELLED' "$cluster_dir/jobcomp.log")" -eq 2

echo "$failures failed checks"
[ "$failures" -eq 0 ]
