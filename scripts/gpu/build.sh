#!/usr/bin/env bash
# Builds train, score and evaluate (and nccl_check, with NCCL) into build-gpu/ on a
# machine that has a compiler, CMake and a LibTorch but none of the Debian libraries and
# no network (a GPU node): against the
# Debian packages scripts/gpu/prepare.sh gathered in .gpu/debs/, unpacked with dpkg -x
# into .gpu/root/. Logs go to .gpu/work/cmake.log and .gpu/work/build.log.
#
# Usage: scripts/gpu/build.sh TORCH_CMAKE_PREFIX [CUDA_ARCH] [NCCL_DIR]
#   TORCH_CMAKE_PREFIX  where LibTorch's CMake files are (a PyTorch's
#                       torch.utils.cmake_prefix_path, or /usr/lib/x86_64-linux-gnu/cmake)
#   CUDA_ARCH           the GPU's compute capability, e.g. 9.0 (a CUDA LibTorch asks for it)
#   NCCL_DIR            a folder with lib/libnccl.so.2 and include/nccl.h (PyTorch's
#                       nvidia-nccl wheel); without it NCCL is looked for beside CUDA
set -euo pipefail
cd "$(dirname "$0")/../.."
torch_prefix=${1:?usage: scripts/gpu/build.sh TORCH_CMAKE_PREFIX [CUDA_ARCH] [NCCL_DIR]}
arch=${2:-}
nccl=${3:-}
[ -d .gpu/debs ] || { echo ".gpu/debs is missing: run scripts/gpu/prepare.sh on the Debian machine" >&2; exit 2; }
logs=.gpu/work
mkdir -p "$logs"

# dpkg -x, or where the machine has no dpkg, the package's data member taken out with ar
# (binutils, beside the compiler) and unpacked with tar: the same files.
unpack() {  # DEB FOLDER
  if command -v dpkg >/dev/null; then dpkg -x "$1" "$2"; return; fi
  local member scratch
  member=$(ar t "$1" | grep -m 1 '^data\.tar') && scratch=$(mktemp -d) &&
    (cd "$scratch" && ar x "$OLDPWD/$1" "$member") && tar -xf "$scratch/$member" -C "$2" && rm -rf "$scratch"
}
rm -rf .gpu/root && mkdir -p .gpu/root
for deb in .gpu/debs/*.deb; do unpack "$deb" .gpu/root; done
# An absolute link in a package (zlib's libz.so -> /lib/x86_64-linux-gnu/...) points into
# this machine's root, not into .gpu/root: made to point at the file unpacked beside it.
find .gpu/root -type l -lname '/*' | while read -r link; do
  target=$(readlink "$link")
  if [ -e ".gpu/root$target" ]; then ln -sfn "$PWD/.gpu/root$target" "$link"; fi
done
source scripts/gpu/env.sh

options=(-DCMAKE_BUILD_TYPE=Release -DMUCPT_CURATION=OFF -DBUILD_TESTING=OFF
  -DCMAKE_PREFIX_PATH="$gpu_root/usr;$torch_prefix" -DPKG_CONFIG_EXECUTABLE="$gpu_root/usr/bin/pkgconf"
  -DMPI_CXX_COMPILER="$gpu_root/usr/bin/mpicxx.openmpi"
  # --no-as-needed keeps libtorch_cuda linked though no symbol of it is named: it is what
  # registers the CUDA device with LibTorch.
  -DCMAKE_EXE_LINKER_FLAGS=-Wl,--no-as-needed
  # Lets CMake 4 read Boost 1.74's configuration files.
  -DCMAKE_POLICY_VERSION_MINIMUM=3.5)
[ -n "$arch" ] && options+=(-DTORCH_CUDA_ARCH_LIST="$arch")
if [ -n "$nccl" ] && [ -f "$nccl/lib/libnccl.so.2" ] && [ -f "$nccl/include/nccl.h" ]; then
  options+=(-DNCCL_LIBRARY="$nccl/lib/libnccl.so.2" -DNCCL_INCLUDE_DIR="$nccl/include")
fi
command -v ninja >/dev/null && options+=(-G Ninja)

cmake -S . -B build-gpu "${options[@]}" >"$logs/cmake.log" 2>&1 || { tail -40 "$logs/cmake.log" >&2; exit 1; }
targets=(train score evaluate)
# nccl_check (NCCL's all-reduce alone) exists where the build found CUDA and NCCL.
grep -q 'NCCL code paths: ON' "$logs/cmake.log" && targets+=(nccl_check)
cmake --build build-gpu -j"$(nproc)" --target "${targets[@]}" >"$logs/build.log" 2>&1 ||
  { grep -m 20 -B 2 -A 6 'error' "$logs/build.log" >&2 || tail -40 "$logs/build.log" >&2; exit 1; }
echo "built build-gpu/{${targets[*]}} ($(grep -m1 'NCCL code paths' "$logs/cmake.log" | sed 's/^-- //'))"
