#include "training/model/gemm.h"

#include <ATen/ATen.h>
#include <oneapi/dnnl/dnnl.h>

#include <stdexcept>
#include <string>

namespace mucpt {

void sgemm(bool transpose_a, bool transpose_b, int64_t M, int64_t N, int64_t K, float alpha, const float* A,
           int64_t lda, const float* B, int64_t ldb, float beta, float* C, int64_t ldc) {
  if (M == 0 || N == 0) return;
  const dnnl_status_t status =
      dnnl_sgemm(transpose_a ? 'T' : 'N', transpose_b ? 'T' : 'N', M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
  if (status != dnnl_success)
    throw std::runtime_error("oneDNN sgemm failed (status " + std::to_string(static_cast<int>(status)) + ") for " +
                             std::to_string(M) + "x" + std::to_string(N) + "x" + std::to_string(K));
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
