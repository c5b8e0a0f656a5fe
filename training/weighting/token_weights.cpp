#include "training/weighting/token_weights.h"

#include <cmath>
#include <stdexcept>

namespace mucpt {

WeightMode parse_weight_mode(const std::string& name) {
  if (name == "ntp") return WeightMode::ntp;
  if (name == "hard") return WeightMode::hard;
  if (name == "soft") return WeightMode::soft;
  throw std::invalid_argument("weighting mode must be ntp, hard or soft, not '" + name + "'");
}

SoftScore parse_soft_score(const std::string& name) {
  if (name == "ratio") return SoftScore::ratio;
  if (name == "excess") return SoftScore::excess;
  if (name == "inverse_ref") return SoftScore::inverse_ref;
  throw std::invalid_argument("soft score must be ratio, excess or inverse_ref, not '" + name + "'");
}

namespace {

// Scales w so that its mean over the real tokens is 1; all-zero weights become uniform.
torch::Tensor normalise(torch::Tensor w, const torch::Tensor& mask) {
  w = w * mask;
  auto total = w.sum();
  auto count = mask.sum();
  if (total.item<double>() <= 0) return mask.clone();
  return w * (count / total);
}

}  // namespace

torch::Tensor token_weights(const torch::Tensor& loss_cur, const torch::Tensor& loss_ref, const torch::Tensor& mask,
                            const WeightOptions& o) {
  torch::NoGradGuard no_grad;
  const auto m = mask.to(torch::kFloat32);
  const auto cur = loss_cur.detach().to(torch::kFloat32);
  const auto ref = loss_ref.detach().to(torch::kFloat32);
  torch::Tensor w;
  switch (o.mode) {
    case WeightMode::ntp:
      w = m.clone();
      break;
    case WeightMode::hard: {
      // The k highest excess losses among real tokens; padding sorts last.
      const int64_t real = static_cast<int64_t>(m.sum().item<double>());
      const int64_t k = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(o.keep * static_cast<double>(real))));
      auto excess = (cur - ref).masked_fill(m == 0, -std::numeric_limits<float>::infinity()).flatten();
      auto top = std::get<1>(excess.topk(std::min<int64_t>(k, excess.numel())));
      w = torch::zeros_like(excess).index_fill_(0, top, 1.0).view_as(m) * m;
      w = normalise(w, m);
      break;
    }
    case WeightMode::soft: {
      torch::Tensor score;
      if (o.score == SoftScore::ratio) score = (cur + o.eps) / (ref + o.eps);
      else if (o.score == SoftScore::excess) score = cur - ref;
      else score = 1.0 / (ref + o.eps);
      w = normalise(score.clamp(o.clip_min, o.clip_max), m);
      break;
    }
  }
  if (o.lambda > 0) w = (o.lambda + (1.0 - o.lambda) * w) * m;
  return w;
}

torch::Tensor weighted_mean_loss(const torch::Tensor& loss, const torch::Tensor& weights, const torch::Tensor& mask) {
  const auto m = mask.to(loss.scalar_type());
  return (loss * weights.to(loss.scalar_type()) * m).sum() / m.sum().clamp_min(1);
}

}  // namespace mucpt
