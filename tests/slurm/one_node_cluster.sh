# Sourced by the Slurm tests: a real one-node Slurm cluster (munged, slurmctld, slurmd
# from Debian's slurm-wlm and munge) on 127.0.0.1, run as the test's own processes with
# their state under $1, on ports of their own. start_cluster DIR; stop_cluster runs on
# exit whatever happens. Exports SLURM_CONF for sbatch, squeue and srun.
start_cluster() {
  local dir=$1 port=$((20000 + $$ % 20000))
  cluster_dir=$dir
  rm -rf "$dir" && mkdir -p "$dir"/{state,spool,log}
  trap stop_cluster EXIT
  head -c 1024 /dev/urandom >"$dir/munge.key" && chmod 600 "$dir/munge.key"
  munged --force --key-file="$dir/munge.key" --socket="$dir/munge.socket" --log-file="$dir/log/munged.log" \
    --pid-file="$dir/munged.pid" --seed-file="$dir/munge.seed" || return 1
  cat >"$dir/slurm.conf" <<CONF
ClusterName=mucpt-test
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge.socket
SlurmUser=$(id -un)
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobCompType=jobcomp/filetxt
JobCompLoc=$dir/jobcomp.log
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
MinJobAge=3600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) / 2048)) State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  # The cluster tracks processes without cgroups, but slurmd sets its cgroup plugin up at
  # start whatever the others are: Slurm 25 and later, with cgroup v2 alone, fail there on
  # a v1 or hybrid host unless told to use none ("disabled", which Slurm 22 does not know).
  local version
  version=$(slurmd -V | grep -oE '[0-9]+' | head -1)
  [ "${version:-0}" -ge 24 ] && echo "CgroupPlugin=disabled" >"$dir/cgroup.conf"
  export SLURM_CONF=$dir/slurm.conf
  slurmctld -f "$SLURM_CONF" && slurmd -f "$SLURM_CONF" -N localhost || return 1
  local i
  for i in $(seq 60); do
    sinfo -h -o %t 2>/dev/null | grep -q idle && return 0
    sleep 0.5
  done
  return 1
}

stop_cluster() {
  local pid_file pids=() pid i
  for pid_file in "$cluster_dir"/{slurmd,slurmctld,munged}.pid; do
    [ -f "$pid_file" ] && pids+=("$(cat "$pid_file")")
  done
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
  # slurmctld saves its state before it exits: wait for all three, at most 15 s.
  for i in $(seq 30); do
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && break; pid=""; done
    [ -z "${pid:-}" ] && break
    sleep 0.5
  done
  return 0
}
