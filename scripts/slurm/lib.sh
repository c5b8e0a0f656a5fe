# Sourced by the step scripts (*.sbatch): how MPI ranks start, and what a step leaves
# behind for pipeline.sh.
#
# Ranks start with srun through Slurm's PMIx plugin where this Slurm has it, else with
# Open MPI's mpirun, which reads the allocation from Slurm's environment (some Slurm
# builds, Debian's 26.05 among them, come without PMIx, and Open MPI 5 and later speak
# no PMI2). MUCPT_SRUN_MPI=pmi2 (or another plugin) takes srun with that plugin;
# MUCPT_LAUNCHER=srun or mpirun takes that launcher whatever this Slurm has.
launch() {
  local launcher=${MUCPT_LAUNCHER:-} mpi=${MUCPT_SRUN_MPI:-pmix}
  if [ -z "$launcher" ]; then
    launcher=srun
    if [ -z "${MUCPT_SRUN_MPI:-}" ]; then
      # Read whole before it is searched: grep -q leaving early could end srun by SIGPIPE.
      local plugins
      plugins=$(srun --mpi=list 2>&1 || true)
      grep -qw pmix <<<"$plugins" || launcher=mpirun
    fi
  fi
  echo "launch: $launcher$([ "$launcher" = srun ] && echo " --mpi=$mpi")" >&2
  if [ "$launcher" = mpirun ]; then
    # Root (a container's scheduler) must say so to Open MPI.
    mpirun $([ "$(id -u)" -eq 0 ] && echo --allow-run-as-root) "$@"
  else
    # srun does not take the job's --cpus-per-task by itself (Slurm 22.05 on): without
    # it each rank gets one core, and the trainer one thread, where cores are bound.
    srun --mpi="$mpi" ${SLURM_CPUS_PER_TASK:+--cpus-per-task="$SLURM_CPUS_PER_TASK"} "$@"
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
