#!/usr/bin/env bash
# Run on the Debian 12 machine before scripts/gpu/check.sh is sent to a GPU machine
# (which has CUDA, a CUDA PyTorch, CMake and a compiler, but none of the Debian
# libraries and no network). Gathers into .gpu/ (ignored by git, carried to the GPU
# machine):
#   debs/     the Debian packages train, score and evaluate build against (apt-get
#             download; check.sh unpacks them with dpkg -x): Open MPI, Boost, zlib, zstd,
#             simdjson, utf8proc, xxHash, nlohmann-json, pkgconf (not oneDNN: the GPU's
#             LibTorch brings its own, cmake/OneDnnGemm.cmake)
#   data/     the files of ../shared/data the checks read (stories260K and its golden
#             ids), which do not travel with the checkout
#   nanogpt/  train.py, model.py, configurator.py of a nanoGPT checkout given in
#             NANOGPT_SRC: the peer the GPU throughput is measured beside
# Usage: NANOGPT_SRC=/path/to/nanoGPT scripts/gpu/prepare.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$(realpath "${NANOGPT_SRC:?set NANOGPT_SRC to a source checkout of karpathy/nanoGPT}")
shared=$(realpath ../shared/data)
[ -f "$shared/models/stories260K/golden_greedy.json" ] || { echo "no ../shared/data/models/stories260K" >&2; exit 2; }

packages=(
  libopenmpi-dev libopenmpi3 openmpi-bin openmpi-common libevent-core-2.1-7 libevent-pthreads-2.1-7 libhwloc15
  libpmix2 libfabric1 libucx0 libibverbs1 librdmacm1 libnl-3-200 libnl-route-3-200 libpsm2-2 libpsm-infinipath1
  libnuma1
  libboost1.74-dev libboost-program-options1.74-dev libboost-program-options1.74.0 libboost-iostreams1.74-dev
  libboost-iostreams1.74.0
  zlib1g-dev zlib1g libzstd-dev libzstd1 libsimdjson-dev libsimdjson14 libutf8proc-dev libutf8proc2 libxxhash-dev libxxhash0
  nlohmann-json3-dev pkgconf pkgconf-bin libpkgconf3
)
rm -rf .gpu && mkdir -p .gpu/debs .gpu/data/stories260K .gpu/nanogpt
(cd .gpu/debs && apt-get download "${packages[@]}" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
[ "$(ls .gpu/debs/*.deb | wc -l)" -eq ${#packages[@]} ] || { echo "some packages did not download" >&2; exit 1; }
cp "$shared"/models/stories260K/{config.json,model.safetensors,golden_greedy.json} .gpu/data/stories260K/
cp "$src"/{train.py,model.py,configurator.py} .gpu/nanogpt/
echo ".gpu/: $(du -sh .gpu | cut -f1) to carry (run: carry .gpu, command scripts/gpu/check.sh)"
