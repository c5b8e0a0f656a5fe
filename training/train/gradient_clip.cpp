#include "training/train/gradient_clip.h"

#include <algorithm>

namespace mucpt {

double clip_gradient_norm(const std::vector<torch::Tensor>& parameters, double max_norm) {
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> grads;
  for (const auto& p : parameters)
    if (p.grad().defined()) grads.push_back(p.grad());
  if (grads.empty()) return 0.0;
  const auto norms = torch::_foreach_norm(grads, 2);
  const auto total = norms.size() == 1 ? norms[0] : torch::stack(norms).norm(2);
  // The coefficient as the reference's float32 tensor arithmetic gives it, on the host:
  // one read of the norm instead of a device tensor per gradient product.
  const float norm = total.item<float>();
  const float coefficient = std::min(static_cast<float>(max_norm) / (norm + static_cast<float>(1e-6)), 1.0f);
  torch::_foreach_mul_(grads, at::Scalar(static_cast<double>(coefficient)));
  return static_cast<double>(norm);
}

}  // namespace mucpt
