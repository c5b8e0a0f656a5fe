#pragma once
// Token weights from the loss ratio between the model being trained and a frozen
// reference model (DESIGN.md, "Token-level soft scoring"): pure functions on tensors,
// detached from the gradient. Every mode returns weights whose mean over the real
// (masked-in) tokens is 1 and that are 0 elsewhere, so the weighted loss keeps the
// scale of the ordinary one.
#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

namespace mucpt {

enum class WeightMode {
  ntp,   // next-token prediction: every real token weighs 1
  hard,  // Rho-1: the top fraction of tokens by l_cur - l_ref, each kept token equal
  soft,  // a weight from a per-token score, clipped and normalised
};

enum class SoftScore {
  ratio,        // r = (l_cur + eps) / (l_ref + eps)
  excess,       // l_cur - l_ref (negative excess is clipped away by clip_min >= 0)
  inverse_ref,  // 1 / (l_ref + eps): what the reference model finds easy
};

struct WeightOptions {
  WeightMode mode = WeightMode::soft;
  SoftScore score = SoftScore::ratio;
  double eps = 0.1;        // keeps the ratio finite where a loss is near 0
  double clip_min = 0.0;   // soft: the score is clipped to [clip_min, clip_max] ...
  double clip_max = 5.0;   // ... before normalisation
  double keep = 0.6;       // hard: fraction of real tokens kept
  double lambda = 0.0;     // w = lambda + (1 - lambda) w: mixed with uniform
};

WeightMode parse_weight_mode(const std::string& name);  // "ntp" | "hard" | "soft"
SoftScore parse_soft_score(const std::string& name);    // "ratio" | "excess" | "inverse_ref"

// Sums each value over every part of the global batch in place (an all-reduce over the
// ranks in training; nothing to do when one process holds the whole batch). Weights
// are normalised, and Rho-1's top tokens chosen, over the global batch, so one rank
// with batch 4 and two ranks with batch 2 give every token the same weight.
using GlobalSum = std::function<void(std::vector<double>&)>;

// loss_cur, loss_ref, mask: the same shape ([B, T]); mask is 1 for real tokens. Hard
// mode keeps the tokens at or above the k-th largest excess loss of the global batch
// (k = ceil(keep x real tokens); ties are all kept).
torch::Tensor token_weights(const torch::Tensor& loss_cur, const torch::Tensor& loss_ref, const torch::Tensor& mask,
                            const WeightOptions& options, const GlobalSum& global_sum = {});

// sum(w * loss * mask) / real_tokens. With real_tokens = the global batch's real tokens
// divided by the ranks, averaging the ranks' gradients gives the global weighted mean.
torch::Tensor weighted_mean_loss(const torch::Tensor& loss, const torch::Tensor& weights, const torch::Tensor& mask,
                                 double real_tokens);
// The same over this batch's own real tokens.
torch::Tensor weighted_mean_loss(const torch::Tensor& loss, const torch::Tensor& weights, const torch::Tensor& mask);

}  // namespace mucpt
