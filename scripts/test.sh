#!/usr/bin/env bash
# Sets up, builds and runs every test. Tests that read ../shared/data skip with a
# message when it is absent, unless CI is set. Then the checking build: the tests that
# need no LibTorch under AddressSanitizer and UndefinedBehaviorSanitizer, and each
# fuzz harness for FUZZ_SECONDS (default 10; 0 skips the fuzzing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
(cd build && ctest --output-on-failure -j"$(nproc)" "$@")
scripts/sanitize.sh
[ "${FUZZ_SECONDS:-10}" -eq 0 ] || scripts/fuzz.sh "${FUZZ_SECONDS:-10}"
