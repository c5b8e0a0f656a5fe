#include "training/compute_threads.h"

#include <ATen/Parallel.h>
#include <dlfcn.h>
#include <malloc.h>
#include <sched.h>

#include <cstdlib>

namespace mucpt {

int cores_for_this_rank() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  int n = CPU_COUNT(&set);
  return n > 0 ? n : 1;
}

int configure_compute_threads(int threads) {
  if (threads <= 0) threads = cores_for_this_rank();
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest: blocks up to 32 MiB come from the heap
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  // OpenBLAS's OpenMP build follows the OpenMP pool that at::set_num_threads sizes.
  at::set_num_threads(threads);
  return at::get_num_threads();
}

namespace {
using ConfigFn = char* (*)();
ConfigFn openblas_config() {
  return reinterpret_cast<ConfigFn>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
}
}  // namespace

bool blas_is_openblas() { return openblas_config() != nullptr; }

std::string blas_description() {
  if (auto fn = openblas_config()) return std::string("OpenBLAS ") + fn();
  return "reference BLAS (slow): install libopenblas0-openmp";
}

}  // namespace mucpt
