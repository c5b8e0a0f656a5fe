#pragma once
// Float32 matrix products through oneDNN's sgemm. It runs on the OpenMP threads that
// LibTorch's other CPU kernels use (OpenBLAS, behind torch::mm, keeps a second pool that
// contends with them) and is faster on the model's shapes, the small per-head products
// of attention most of all (scripts/bench/train_throughput.sh). A build whose LibTorch
// brings its own oneDNN takes LibTorch's product instead (cmake/OneDnnGemm.cmake).
#include <ATen/core/Tensor.h>

#include <cstdint>

namespace mucpt {

// C = alpha op(A) op(B) + beta C, all row-major; op transposes when asked.
void sgemm(bool transpose_a, bool transpose_b, int64_t M, int64_t N, int64_t K, float alpha, const float* A,
           int64_t lda, const float* B, int64_t ldb, float beta, float* C, int64_t ldc);

// The same product through LibTorch's addmm: what sgemm is in a build without oneDNN's.
void sgemm_through_libtorch(bool transpose_a, bool transpose_b, int64_t M, int64_t N, int64_t K, float alpha,
                            const float* A, int64_t lda, const float* B, int64_t ldb, float beta, float* C,
                            int64_t ldc);

// alpha op(a[i]) op(b[i]) for each i of contiguous float32 [batch, rows, cols] tensors.
at::Tensor batched_matmul(const at::Tensor& a, bool transpose_a, const at::Tensor& b, bool transpose_b,
                          float alpha = 1.0f);

}  // namespace mucpt
