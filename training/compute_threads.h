#pragma once
// How many cores the LibTorch parts use. The model's float32 products run on oneDNN
// (training/model/gemm.h); what else LibTorch multiplies goes through libblas.so.3:
// with OpenBLAS (libopenblas0-openmp) behind it, and its OpenMP pool sized to the cores
// given to the rank, it is tens of times faster than with the reference BLAS and one
// thread.
#include <string>

namespace mucpt {

// Cores in this process's CPU affinity: what mpirun or Slurm gave the rank.
int cores_for_this_rank();

// Sets the intra-op thread count (threads <= 0: cores_for_this_rank()) and returns it.
// Also keeps freed memory in the process: a training step frees and allocates the same
// large tensors again, and glibc would hand them back to the kernel and fault them in
// page by page the next step (a few percent of a step).
int configure_compute_threads(int threads);

// "OpenBLAS 0.3.21 ..." when OpenBLAS serves libblas.so.3, else a warning text.
std::string blas_description();
bool blas_is_openblas();

}  // namespace mucpt
