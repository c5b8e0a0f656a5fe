#!/usr/bin/env bash
# Usage: kill_during.sh CONDITION COMMAND...
# Runs COMMAND in a session of its own and, as soon as the shell test CONDITION holds,
# kills every process of that session with SIGKILL (mpirun puts each rank in a process
# group of its own, so the session is what holds them all), as a lost node would.
# Exit 0 when it killed; 3 when the command ended first.
set -u
condition=$1
shift
setsid "$@" >/dev/null 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  if eval "$condition"; then
    pkill -KILL -s "$pid"
    wait "$pid" 2>/dev/null
    while pgrep -s "$pid" >/dev/null; do sleep 0.01; done
    exit 0
  fi
  sleep 0.01
done
wait "$pid"
echo "the command ended (exit $?) before the condition held" >&2
exit 3
