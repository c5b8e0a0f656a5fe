// The fused kernels against the composition of torch ops they replace: the same values
// and the same gradients for every input, on shapes with odd sizes, several heads and
// batches, and attention that continues a cache.
#include "tests/torch_catch.h"  // first: see there
#include <torch/version.h>

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

#include "training/model/fused_ops.h"

using namespace mucpt;
using Op = std::function<torch::Tensor(const std::vector<torch::Tensor>&)>;

namespace {

// Runs op on copies of inputs that require a gradient, and back from a fixed random
// output gradient; returns the output followed by each input's gradient.
std::vector<torch::Tensor> value_and_gradients(const Op& op, const std::vector<torch::Tensor>& inputs) {
  std::vector<torch::Tensor> leaves;
  for (const auto& t : inputs) leaves.push_back(t.detach().clone().requires_grad_(t.requires_grad()));
  auto out = op(leaves);
  torch::manual_seed(99);
  out.backward(torch::randn(out.sizes()));  // not randn_like: it follows the output's strides
  std::vector<torch::Tensor> results{out.detach()};
  for (const auto& leaf : leaves)
    if (leaf.requires_grad()) results.push_back(leaf.grad());
  return results;
}

void check_same(const Op& fused, const Op& reference, const std::vector<torch::Tensor>& inputs) {
  const auto ours = value_and_gradients(fused, inputs);
  const auto theirs = value_and_gradients(reference, inputs);
  REQUIRE(ours.size() == theirs.size());
  for (size_t i = 0; i < ours.size(); ++i) {
    INFO((i == 0 ? std::string("output") : "gradient of input " + std::to_string(i - 1)));
    REQUIRE(ours[i].sizes() == theirs[i].sizes());
    const double scale = theirs[i].abs().max().item<double>();
    CHECK((ours[i] - theirs[i]).abs().max().item<double>() <= 2e-6 * std::max(1.0, scale));
  }
}

torch::Tensor random(std::vector<int64_t> sizes, bool grad = true) {
  return torch::randn(sizes).requires_grad_(grad);
}

}  // namespace

TEST_CASE("fused linear equals torch's, with and without bias, on 2-D and 3-D inputs") {
  torch::manual_seed(1);
  for (bool with_bias : {false, true}) {
    for (std::vector<int64_t> shape : {std::vector<int64_t>{7, 33}, std::vector<int64_t>{3, 5, 33}}) {
      std::vector<torch::Tensor> inputs{random(shape), random({19, 33}), random({19}, with_bias)};
      auto run = [&](bool fused) -> Op {
        return [fused, with_bias](const std::vector<torch::Tensor>& t) {
          const auto bias = with_bias ? t[2] : torch::Tensor();
          return fused ? linear(t[0], t[1], bias) : reference::linear(t[0], t[1], bias);
        };
      };
      check_same(run(true), run(false), inputs);
    }
  }
}

TEST_CASE("fused RMSNorm equals the composition, rows past one partial sum") {
  torch::manual_seed(2);
  // 2 x 70 rows: more than one block of rows for the weight gradient's partial sums.
  std::vector<torch::Tensor> inputs{random({2, 70, 45}), torch::rand({45}).add_(0.5).requires_grad_()};
  check_same([](const auto& t) { return rms_norm(t[0], t[1], 1e-5); },
             [](const auto& t) { return reference::rms_norm(t[0], t[1], 1e-5); }, inputs);
}

TEST_CASE("fused rotary embedding equals HF's rotate-half and moves heads first") {
  torch::manual_seed(3);
  const int64_t T = 9, D = 12;
  auto angles = torch::outer(torch::arange(T, torch::kFloat32), torch::rand({D / 2}));
  auto full = torch::cat({angles, angles}, -1);
  std::vector<torch::Tensor> inputs{random({2, T, 3, D}), full.cos(), full.sin()};
  check_same([](const auto& t) { return rotary_heads_first(t[0], t[1], t[2]); },
             [](const auto& t) { return reference::rotary_heads_first(t[0], t[1], t[2]); }, inputs);
  CHECK(rotary_heads_first(inputs[0], inputs[1], inputs[2]).sizes() == std::vector<int64_t>({2, 3, T, D}));
}

TEST_CASE("fused rotary embedding with each row's own positions equals the composition and each row alone") {
  torch::manual_seed(4);
  const int64_t T = 7, D = 10;
  auto frequencies = torch::rand({D / 2});
  std::vector<torch::Tensor> cos_rows, sin_rows;
  for (int64_t first : {0, 5}) {  // the rows start at different positions, as padded prompts do
    auto angles = torch::outer(torch::arange(first, first + T, torch::kFloat32), frequencies);
    auto full = torch::cat({angles, angles}, -1);
    cos_rows.push_back(full.cos());
    sin_rows.push_back(full.sin());
  }
  std::vector<torch::Tensor> inputs{random({2, T, 3, D}), torch::stack(cos_rows), torch::stack(sin_rows)};
  check_same([](const auto& t) { return rotary_heads_first(t[0], t[1], t[2]); },
             [](const auto& t) { return reference::rotary_heads_first(t[0], t[1], t[2]); }, inputs);
  const auto batched = rotary_heads_first(inputs[0], inputs[1], inputs[2]);
  for (int64_t b = 0; b < 2; ++b)
    CHECK(torch::equal(batched[b], rotary_heads_first(inputs[0].slice(0, b, b + 1), cos_rows[b], sin_rows[b])[0]));
}

TEST_CASE("fused causal attention equals the masked composition, alone and after cached positions") {
  torch::manual_seed(4);
  for (int64_t past : {0, 5}) {
    const int64_t T = 11, S = past + T;
    std::vector<torch::Tensor> inputs{random({2, 3, T, 16}), random({2, 3, S, 16}), random({2, 3, S, 16})};
    INFO("past " << past);
    check_same([past](const auto& t) { return causal_attention(t[0], t[1], t[2], past); },
               [past](const auto& t) { return reference::causal_attention(t[0], t[1], t[2], past); }, inputs);
  }
}

#if TORCH_VERSION_MAJOR >= 2
TEST_CASE("attention off the fused kernel (LibTorch's own) equals the masked composition") {
  torch::manual_seed(7);
  // past 5: the rows continue a cache, which LibTorch's causal mask does not align; one
  // query after 7 cached keys: a decoding step, which sees every key.
  for (const auto& shape : std::vector<std::pair<int64_t, int64_t>>{{0, 11}, {5, 11}, {7, 1}}) {
    const int64_t past = shape.first, T = shape.second, S = past + T;
    std::vector<torch::Tensor> inputs{random({2, 3, T, 16}).to(torch::kFloat64), random({2, 3, S, 16}).to(torch::kFloat64),
                                      random({2, 3, S, 16}).to(torch::kFloat64)};
    INFO("past " << past);
    check_same([past](const auto& t) { return causal_attention(t[0], t[1], t[2], past); },
               [past](const auto& t) { return reference::causal_attention(t[0], t[1], t[2], past); }, inputs);
  }
}
#endif

TEST_CASE("attention of a left-padded batch: each row as alone, padding queries zero, rows equal the masked pass") {
  torch::manual_seed(8);
  const std::vector<int64_t> left_padding{0, 4, 10, 1};  // row 2: every query of the first pass is padding
  for (int64_t past : {0, 3}) {  // 3: the rows continue a cache (a decoding step's queries)
    const int64_t T = 10, S = past + T;
    INFO("past " << past);
    std::vector<torch::Tensor> inputs{random({4, 3, T, 16}), random({4, 3, S, 16}), random({4, 3, S, 16})};
    // float32 on the CPU: row by row through the fused kernel; the reference: one masked pass.
    check_same([&](const auto& t) { return padded_causal_attention(t[0], t[1], t[2], past, left_padding); },
               [&](const auto& t) { return reference::padded_causal_attention(t[0], t[1], t[2], past, left_padding); },
               inputs);
    torch::NoGradGuard no_grad;
    const auto masked = reference::padded_causal_attention(inputs[0], inputs[1], inputs[2], past, left_padding);
    for (int64_t b = 0; b < 4; ++b) {
      INFO("row " << b);
      const int64_t pad = left_padding[static_cast<size_t>(b)], first = std::min(T, std::max<int64_t>(0, pad - past));
      CHECK(torch::equal(masked[b].slice(1, 0, first), torch::zeros({3, first, 16})));
      if (first == T) continue;
      const auto alone = reference::causal_attention(inputs[0].slice(0, b, b + 1).slice(2, first),
                                                     inputs[1].slice(0, b, b + 1).slice(2, pad),
                                                     inputs[2].slice(0, b, b + 1).slice(2, pad), past + first - pad)[0];
      CHECK((masked[b].slice(1, first) - alone).abs().max().item<double>() <= 1e-6);
    }
  }
}

#if TORCH_VERSION_MAJOR >= 2
TEST_CASE("a left-padded batch off the fused kernel (LibTorch's own masked attention) equals the masked composition") {
  torch::manual_seed(9);
  const std::vector<int64_t> left_padding{0, 4, 10, 1};
  for (int64_t past : {0, 3}) {
    const int64_t T = 10, S = past + T;
    INFO("past " << past);
    std::vector<torch::Tensor> inputs{random({4, 3, T, 16}).to(torch::kFloat64),
                                      random({4, 3, S, 16}).to(torch::kFloat64),
                                      random({4, 3, S, 16}).to(torch::kFloat64)};
    check_same([&](const auto& t) { return padded_causal_attention(t[0], t[1], t[2], past, left_padding); },
               [&](const auto& t) { return reference::padded_causal_attention(t[0], t[1], t[2], past, left_padding); },
               inputs);
  }
}
#endif

TEST_CASE("fused causal attention keeps the future out: changing later keys leaves earlier outputs") {
  torch::manual_seed(5);
  auto q = torch::randn({1, 2, 6, 8}), k = torch::randn({1, 2, 6, 8}), v = torch::randn({1, 2, 6, 8});
  auto before = causal_attention(q, k, v, 0);
  k.select(2, 4).add_(3.0);
  v.select(2, 4).add_(3.0);
  auto after = causal_attention(q, k, v, 0);
  CHECK(torch::equal(before.narrow(2, 0, 4), after.narrow(2, 0, 4)));
  CHECK_FALSE(torch::equal(before.narrow(2, 4, 2), after.narrow(2, 4, 2)));
}

TEST_CASE("fused SwiGLU equals silu(gate) * up") {
  torch::manual_seed(6);
  std::vector<torch::Tensor> inputs{random({4, 13, 37}).mul(4), random({4, 13, 37})};
  check_same([](const auto& t) { return swiglu(t[0], t[1]); },
             [](const auto& t) { return reference::swiglu(t[0], t[1]); }, inputs);
}

TEST_CASE("other dtypes take the reference composition") {
  torch::manual_seed(7);
  auto x = torch::randn({3, 8}, torch::kFloat64), w = torch::rand({8}, torch::kFloat64);
  CHECK(torch::equal(rms_norm(x, w, 1e-6), reference::rms_norm(x, w, 1e-6)));
  auto weight = torch::randn({5, 8}, torch::kFloat64);
  CHECK(torch::equal(linear(x, weight, torch::Tensor()), reference::linear(x, weight, torch::Tensor())));
}
