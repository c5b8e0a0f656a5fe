#!/usr/bin/env bash
# Sets up, builds and runs every test. Tests that read ../shared/data skip with a
# message when it is absent, unless CI is set.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
