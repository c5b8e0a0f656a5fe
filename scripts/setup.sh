#!/usr/bin/env bash
# Installs the Debian packages the toolkit needs and builds build/ in Release mode.
# A second run installs nothing and only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

ensure_packages \
  build-essential cmake pkg-config ccache zstd jq python3 procps \
  libopenmpi-dev openmpi-bin \
  libboost-program-options-dev libboost-iostreams-dev zlib1g-dev libzstd-dev \
  libsimdjson-dev libhyperscan-dev libfasttext-dev fasttext \
  libtorch-dev libopenblas0-openmp libdnnl-dev \
  catch2 libutf8proc-dev libxxhash-dev nlohmann-json3-dev

# node and npm run the JavaScript reference tokenizers in the tests (any node >= 18).
command -v npm >/dev/null 2>&1 || ensure_packages nodejs npm

# Configured once (a configure that failed leaves CMakeCache.txt but no Makefile, and runs
# again); later builds re-run CMake themselves when a CMakeLists.txt changes.
if [ ! -f build/Makefile ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
# Each LibTorch file needs about 1.1 GiB to compile: one job per 2 GiB of memory at most.
jobs=$(nproc)
mem_jobs=$(( $(awk '/MemAvailable/ {print $2}' /proc/meminfo) / 2097152 ))
[ "$mem_jobs" -ge 1 ] || mem_jobs=1  # under 2 GiB: one job, not all of them
[ "$mem_jobs" -lt "$jobs" ] && jobs=$mem_jobs
cmake --build build -j"$jobs"
