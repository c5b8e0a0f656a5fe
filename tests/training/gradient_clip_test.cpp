// Global gradient-norm clipping against LibTorch's torch::nn::utils::clip_grad_norm_,
// value for value: the norm returned and every clipped gradient, when the norm is over
// the limit, under it, with clipping off (infinity), for one parameter, and for
// parameters without a gradient.
#include "tests/torch_catch.h"  // first: see there

#include <limits>
#include <vector>

#include "training/train/gradient_clip.h"

using namespace mucpt;

namespace {

// Parameters of several shapes with random gradients (scaled), and a copy of them.
std::pair<std::vector<torch::Tensor>, std::vector<torch::Tensor>> twin_parameters(
    const std::vector<std::vector<int64_t>>& shapes, double scale, uint64_t seed) {
  torch::manual_seed(seed);
  std::vector<torch::Tensor> ours, theirs;
  for (const auto& shape : shapes) {
    ours.push_back(torch::randn(shape).requires_grad_(true));
    theirs.push_back(ours.back().detach().clone().requires_grad_(true));
    auto grad = torch::randn(shape) * scale;
    ours.back().mutable_grad() = grad.clone();
    theirs.back().mutable_grad() = grad.clone();
  }
  return {ours, theirs};
}

}  // namespace

TEST_CASE("gradient clipping equals LibTorch's clip_grad_norm_ bit for bit, clipped or not") {
  const std::vector<std::vector<int64_t>> shapes{{64, 32}, {32}, {7, 5, 3}, {300, 17}};
  const double infinity = std::numeric_limits<double>::infinity();
  int seed = 0;
  for (double max_norm : {0.5, 1.0, 1e6, infinity}) {
    for (double scale : {1e-3, 1.0, 30.0}) {
      for (const auto& used : {shapes, std::vector<std::vector<int64_t>>{{40, 9}}}) {
        INFO("max_norm " << max_norm << ", gradient scale " << scale << ", " << used.size() << " parameters");
        auto [ours, theirs] = twin_parameters(used, scale, static_cast<uint64_t>(++seed));
        const double norm = clip_gradient_norm(ours, max_norm);
        const double reference = torch::nn::utils::clip_grad_norm_(theirs, max_norm);
        CHECK(norm == reference);
        for (size_t i = 0; i < ours.size(); ++i) CHECK(torch::equal(ours[i].grad(), theirs[i].grad()));
      }
    }
  }
}

TEST_CASE("gradient clipping skips parameters without a gradient, and none at all measures 0") {
  auto [ours, theirs] = twin_parameters({{10, 10}, {10}}, 5.0, 99);
  auto frozen = torch::randn({4, 4}).requires_grad_(true);
  ours.push_back(frozen);
  const double reference = torch::nn::utils::clip_grad_norm_(theirs, 1.0);
  CHECK(clip_gradient_norm(ours, 1.0) == reference);
  CHECK_FALSE(frozen.grad().defined());
  CHECK(clip_gradient_norm({frozen}, 1.0) == 0.0);
}
