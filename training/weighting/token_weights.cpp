#include "training/weighting/token_weights.h"

#include <algorithm>
#include <cmath>
#include <cstring>
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

std::vector<double> summed(std::vector<double> values, const GlobalSum& global_sum) {
  if (global_sum) global_sum(values);
  return values;
}

// Scales w so that its mean over the global batch's real tokens is 1; all-zero weights
// become uniform.
torch::Tensor normalise(torch::Tensor w, const torch::Tensor& mask, const GlobalSum& global_sum) {
  w = w * mask;
  const auto sums = summed({w.sum().item<double>(), mask.sum().item<double>()}, global_sum);
  if (sums[0] <= 0) return mask.clone();
  return w * (sums[1] / sums[0]);
}

// A float's bits as an unsigned key in the same order as the float.
uint32_t order_key(float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof bits);
  return (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
}

// The k-th largest key over the global batch, by bisection on the key with counts
// summed over the parts: 32 small sums, and nothing gathered in one place.
uint32_t kth_largest(std::vector<uint32_t> keys, double k, const GlobalSum& global_sum) {
  std::sort(keys.begin(), keys.end());
  auto at_or_above = [&](uint64_t t) {
    return static_cast<double>(keys.end() - std::lower_bound(keys.begin(), keys.end(), static_cast<uint32_t>(t)));
  };
  uint64_t low = 0, high = uint64_t(1) << 32;  // count(>= low) >= k; count(>= high) < k
  while (high - low > 1) {
    const uint64_t mid = low + (high - low) / 2;
    if (summed({at_or_above(mid)}, global_sum)[0] >= k) low = mid;
    else high = mid;
  }
  return static_cast<uint32_t>(low);
}

}  // namespace

torch::Tensor token_weights(const torch::Tensor& loss_cur, const torch::Tensor& loss_ref, const torch::Tensor& mask,
                            const WeightOptions& o, const GlobalSum& global_sum) {
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
      // The tokens at or above the k-th highest excess loss among real tokens.
      const double real = summed({m.sum().item<double>()}, global_sum)[0];
      const double k = std::max(1.0, std::ceil(o.keep * real));
      // The selection runs on the host, where the tokens' keys are read one by one: a
      // batch's losses are a few thousand floats, and w goes back to their device.
      const auto excess = (cur - ref).to(torch::kCPU).contiguous();
      const auto real_mask = (m > 0).to(torch::kCPU).contiguous();
      const float* e = excess.data_ptr<float>();
      const bool* r = real_mask.data_ptr<bool>();
      std::vector<uint32_t> keys;
      for (int64_t i = 0; i < excess.numel(); ++i)
        if (r[i]) keys.push_back(order_key(e[i]));
      const uint32_t threshold = kth_largest(std::move(keys), k, global_sum);
      w = torch::zeros_like(excess);
      float* out = w.data_ptr<float>();
      for (int64_t i = 0; i < excess.numel(); ++i) out[i] = r[i] && order_key(e[i]) >= threshold ? 1.0f : 0.0f;
      w = normalise(w.to(m.device()), m, global_sum);
      break;
    }
    case WeightMode::soft: {
      torch::Tensor score;
      if (o.score == SoftScore::ratio) score = (cur + o.eps) / (ref + o.eps);
      else if (o.score == SoftScore::excess) score = cur - ref;
      else score = 1.0 / (ref + o.eps);
      w = normalise(score.clamp(o.clip_min, o.clip_max), m, global_sum);
      break;
    }
  }
  if (o.lambda > 0) w = (o.lambda + (1.0 - o.lambda) * w) * m;
  return w;
}

torch::Tensor weighted_mean_loss(const torch::Tensor& loss, const torch::Tensor& weights, const torch::Tensor& mask,
                                 double real_tokens) {
  const auto m = mask.to(loss.scalar_type());
  return (loss * weights.to(loss.scalar_type()) * m).sum() / std::max(real_tokens, 1e-12);
}

torch::Tensor weighted_mean_loss(const torch::Tensor& loss, const torch::Tensor& weights, const torch::Tensor& mask) {
  return weighted_mean_loss(loss, weights, mask, std::max(1.0, mask.sum().item<double>()));
}

}  // namespace mucpt
