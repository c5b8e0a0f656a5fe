#!/usr/bin/env bash
# Sets up, builds and runs every test. Tests that read ../shared/data skip with a
# message when it is absent, unless CI is set. Then the checking build: the tests that
# need no LibTorch under AddressSanitizer and UndefinedBehaviorSanitizer, and each
# fuzz harness for FUZZ_SECONDS (default 10; 0 skips the fuzzing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# What the demo's plots and the Slurm pipeline test install for themselves, installed
# first: under `ctest -j` both would run apt-get at once and one would meet dpkg's lock.
source scripts/lib/packages.sh
ensure_packages python3-numpy python3-matplotlib slurm-wlm munge
(cd build && ctest --output-on-failure -j"$(nproc)" "$@")
scripts/sanitize.sh
[ "${FUZZ_SECONDS:-10}" -eq 0 ] || scripts/fuzz.sh "${FUZZ_SECONDS:-10}"
