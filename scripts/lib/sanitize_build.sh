# The checking build shared by scripts/sanitize.sh and scripts/fuzz.sh: build-sanitize/,
# clang with AddressSanitizer, UndefinedBehaviorSanitizer and libFuzzer's coverage
# hooks (MUCPT_FUZZ), apart from the Release build in build/. Nothing in it uses
# LibTorch. `sanitize_build TARGET...` installs clang, configures once and builds.
sanitize_build() {
  ensure_packages clang libclang-rt-dev
  if [ ! -f build-sanitize/Makefile ]; then
    cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=clang \
      -DCMAKE_CXX_COMPILER=clang++ -DMUCPT_FUZZ=ON -DMUCPT_WITH_CUDA=OFF >/dev/null
  fi
  cmake --build build-sanitize -j"$(nproc)" --target "$@"
}

# Undefined behaviour stops the program (-fno-sanitize-recover); with a stack.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
# tests/sanitizer/<binary>.asan_options adds options for one program: curate runs
# without leak checking, since Open MPI keeps allocations until exit and, unwound
# fast, their stacks cannot be told from the toolkit's (whole stacks make the tests
# five times slower). The path is quoted for the sanitizers' option parser, which splits
# values at spaces, commas and colons.
export ASAN_OPTIONS="${ASAN_OPTIONS:-include_if_exists='$PWD/tests/sanitizer/%b.asan_options'}"
# Open MPI's memory patcher rewrites the code of malloc, mmap and their kin at MPI_Init
# (Open MPI 5 and later through UCX) where AddressSanitizer's interceptors stand: the
# patched jump lands nowhere. It serves RDMA registration caches only; left out here.
export OMPI_MCA_memory=${OMPI_MCA_memory:-^patcher}
