#include "training/model/gemm.h"

#include <ATen/ATen.h>
#ifdef MUCPT_ONEDNN_GEMM
#include <oneapi/dnnl/dnnl.h>
#endif

#include <stdexcept>
#include <string>

namespace mucpt {

namespace {
// A row-major matrix of `rows` x `cols` stored with leading dimension ld, or its
// transpose when `transposed` (then the storage is cols x rows). Only C is written.
at::Tensor matrix_view(const float* data, bool transposed, int64_t rows, int64_t cols, int64_t ld) {
  auto* mutable_data = const_cast<float*>(data);
  const auto options = at::TensorOptions().dtype(at::kFloat);
  if (transposed) return at::from_blob(mutable_data, {cols, rows}, {ld, 1}, options).t();
  return at::from_blob(mutable_data, {rows, cols}, {ld, 1}, options);
}
}  // namespace

void sgemm_through_libtorch(bool transpose_a, bool transpose_b, int64_t M, int64_t N, int64_t K, float alpha,
                            const float* A, int64_t lda, const float* B, int64_t ldb, float beta, float* C,
                            int64_t ldc) {
  if (M == 0 || N == 0) return;
  auto c = matrix_view(C, false, M, N, ldc);
  // addmm with beta 0 ignores C, as sgemm does (no NaN carried from uninitialised memory).
  c.addmm_(matrix_view(A, transpose_a, M, K, lda), matrix_view(B, transpose_b, K, N, ldb), beta, alpha);
}

void sgemm(bool transpose_a, bool transpose_b, int64_t M, int64_t N, int64_t K, float alpha, const float* A,
           int64_t lda, const float* B, int64_t ldb, float beta, float* C, int64_t ldc) {
#ifdef MUCPT_ONEDNN_GEMM
  if (M == 0 || N == 0) return;
  const dnnl_status_t status =
      dnnl_sgemm(transpose_a ? 'T' : 'N', transpose_b ? 'T' : 'N', M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
  if (status != dnnl_success)
    throw std::runtime_error("oneDNN sgemm failed (status " + std::to_string(static_cast<int>(status)) + ") for " +
                             std::to_string(M) + "x" + std::to_string(N) + "x" + std::to_string(K));
#else
  sgemm_through_libtorch(transpose_a, transpose_b, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
#endif
}

at::Tensor batched_matmul(const at::Tensor& a, bool transpose_a, const at::Tensor& b, bool transpose_b, float alpha) {
  const int64_t batch = a.size(0);
  const int64_t M = transpose_a ? a.size(2) : a.size(1), K = transpose_a ? a.size(1) : a.size(2);
  const int64_t N = transpose_b ? b.size(1) : b.size(2);
  if ((transpose_b ? b.size(2) : b.size(1)) != K || b.size(0) != batch)
    throw std::invalid_argument("batched_matmul: the operands' shapes do not match");
  const auto ac = a.contiguous(), bc = b.contiguous();
  auto out = at::empty({batch, M, N}, a.options());
  if (K == 0) return out.zero_();
  const float *ap = ac.data_ptr<float>(), *bp = bc.data_ptr<float>();
  float* op = out.data_ptr<float>();
  for (int64_t i = 0; i < batch; ++i)
    sgemm(transpose_a, transpose_b, M, N, K, alpha, ap + i * a.size(1) * a.size(2), a.size(2),
          bp + i * b.size(1) * b.size(2), b.size(2), 0.0f, op + i * M * N, N);
  return out;
}

}  // namespace mucpt
