// Token weighting: every mode keeps the mean weight over real tokens at 1, gives padding
// 0, never carries a gradient, and orders tokens as its score says.
#include "tests/torch_catch.h"  // first: see there

#include "training/weighting/token_weights.h"

using namespace mucpt;

namespace {

struct Batch {
  torch::Tensor cur, ref, mask;
};

// Two sequences of 6 tokens; the second has 2 padding positions at its end.
Batch batch() {
  Batch b;
  b.cur = torch::tensor({{2.0f, 4.0f, 1.0f, 3.0f, 0.5f, 6.0f}, {1.0f, 2.0f, 8.0f, 0.2f, 9.0f, 9.0f}}).requires_grad_();
  b.ref = torch::tensor({{1.0f, 1.0f, 1.0f, 3.0f, 2.0f, 1.5f}, {1.0f, 0.5f, 4.0f, 0.2f, 0.1f, 0.1f}});
  b.mask = torch::tensor({{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}});
  return b;
}

double mean_over_real(const torch::Tensor& w, const torch::Tensor& mask) {
  return (w * mask).sum().item<double>() / mask.sum().item<double>();
}

}  // namespace

TEST_CASE("every mode: mean weight 1 over real tokens, 0 on padding, no gradient") {
  Batch b = batch();
  for (const char* mode : {"ntp", "hard", "soft"}) {
    for (const char* score : {"ratio", "excess", "inverse_ref"}) {
      INFO(mode << " " << score);
      WeightOptions o;
      o.mode = parse_weight_mode(mode);
      o.score = parse_soft_score(score);
      torch::Tensor w = token_weights(b.cur, b.ref, b.mask, o);
      CHECK_FALSE(w.requires_grad());
      CHECK(mean_over_real(w, b.mask) == Approx(1.0));
      CHECK(w[1][4].item<float>() == 0.0f);
      CHECK(w[1][5].item<float>() == 0.0f);
      CHECK(w.min().item<float>() >= 0.0f);
    }
  }
  CHECK_THROWS_WITH(parse_weight_mode("rho"), Catch::Contains("ntp, hard or soft"));
}

TEST_CASE("hard mode keeps the top fraction by excess loss, each kept token equal") {
  Batch b = batch();
  WeightOptions o;
  o.mode = WeightMode::hard;
  o.keep = 0.4;  // ceil(0.4 x 10 real tokens) = 4
  torch::Tensor w = token_weights(b.cur, b.ref, b.mask, o);
  // Excess losses of the real tokens: 1, 3, 0, 0, -1.5, 4.5 | 0, 1.5, 4, 0: the top 4 are
  // 4.5, 4, 3 and 1.5; padding (excess 8.9) is never chosen.
  auto kept = (w > 0).to(torch::kInt64);
  CHECK(kept.sum().item<int64_t>() == 4);
  CHECK(kept[0][5].item<int64_t>() == 1);
  CHECK(kept[1][2].item<int64_t>() == 1);
  CHECK(kept[0][1].item<int64_t>() == 1);
  CHECK(kept[1][1].item<int64_t>() == 1);
  CHECK(w[0][5].item<float>() == Approx(10.0 / 4.0));
}

TEST_CASE("soft ratio: weights follow (l_cur + eps) / (l_ref + eps), clipped, then mixed with uniform") {
  Batch b = batch();
  WeightOptions o;
  o.eps = 0.0;
  o.clip_max = 3.0;
  torch::Tensor w = token_weights(b.cur, b.ref, b.mask, o);
  // Ratios of the first sequence: 2, 4 -> 3 (clipped), 1, 1, 0.25, 4 -> 3.
  CHECK(w[0][0].item<float>() / w[0][2].item<float>() == Approx(2.0));
  CHECK(w[0][1].item<float>() == Approx(w[0][5].item<float>()));
  CHECK(w[0][1].item<float>() / w[0][3].item<float>() == Approx(3.0));
  o.lambda = 1.0;
  torch::Tensor uniform = token_weights(b.cur, b.ref, b.mask, o);
  CHECK(torch::equal(uniform, b.mask.to(torch::kFloat32)));
  o.lambda = 0.5;
  torch::Tensor half = token_weights(b.cur, b.ref, b.mask, o);
  CHECK(half[0][0].item<float>() == Approx(0.5 + 0.5 * w[0][0].item<float>()));
}

TEST_CASE("the weighted loss is the mean over real tokens and its gradient is w / count") {
  Batch b = batch();
  WeightOptions o;
  o.mode = WeightMode::soft;
  torch::Tensor w = token_weights(b.cur, b.ref, b.mask, o);
  torch::Tensor loss = weighted_mean_loss(b.cur, w, b.mask);
  loss.backward();
  CHECK(loss.item<double>() == Approx(((b.cur * w * b.mask).sum() / 10).item<double>()));
  CHECK(torch::allclose(b.cur.grad(), w * b.mask / 10));
}
