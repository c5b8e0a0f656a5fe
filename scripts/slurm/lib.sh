# Sourced by the step scripts (*.sbatch): how MPI ranks start, and what a step leaves
# behind for pipeline.sh.
#
# Ranks start with srun through Slurm's PMIx plugin (MUCPT_SRUN_MPI=pmix, the default;
# pmi2 where the cluster's Slurm has no PMIx). Where srun cannot start Open MPI
# programs, MUCPT_LAUNCHER=mpirun uses Open MPI's mpirun, which reads the allocation
# from Slurm's environment.
launch() {
  if [ "${MUCPT_LAUNCHER:-srun}" = mpirun ]; then
    mpirun "$@"
  else
    # srun does not take the job's --cpus-per-task by itself (Slurm 22.05 on): without
    # it each rank gets one core, and the trainer one thread, where cores are bound.
    srun --mpi="${MUCPT_SRUN_MPI:-pmix}" ${SLURM_CPUS_PER_TASK:+--cpus-per-task="$SLURM_CPUS_PER_TASK"} "$@"
  fi
}

# The build the steps run: build/ in the checkout, or MUCPT_BUILD (a path from the
# checkout, or absolute), e.g. build-gpu/ from scripts/gpu/build.sh.
build_dir=${MUCPT_BUILD:-build}

# STATUS_DIR/NAME (pipeline.sh sets both) says how the step ended: "ok", or the exit code
# and the step's log, which pipeline.sh prints when a step fails.
record_step_end() {
  local rc=$? log
  [ -n "${PIPELINE_STATUS_DIR:-}" ] || return 0
  mkdir -p "$PIPELINE_STATUS_DIR"
  if [ "$rc" -eq 0 ]; then
    echo ok >"$PIPELINE_STATUS_DIR/$PIPELINE_STEP"
  else
    log=$(scontrol show job "$SLURM_JOB_ID" 2>/dev/null | sed -n 's/^ *StdOut=//p' || true)
    echo "failed with exit $rc (job $SLURM_JOB_ID); log: ${log:-unknown}" >"$PIPELINE_STATUS_DIR/$PIPELINE_STEP"
  fi
}
# Slurm ends a job past its time limit, cancelled or preempted with SIGTERM: the EXIT
# trap must see that exit, not the status of the last command that finished.
trap 'exit 143' TERM
trap 'exit 130' INT
trap record_step_end EXIT
