// AdamW against LibTorch's own torch::optim::AdamW, step for step and bit for bit: the
// matrices in a group with weight decay, the vectors (norm weights, biases) in one
// without, as the trainer decays them; over steps whose learning rate changes.
#include "tests/torch_catch.h"  // first: see there

#include <map>
#include <memory>
#include <vector>

#include "training/train/adamw.h"

using namespace mucpt;

TEST_CASE("AdamW equals LibTorch's AdamW bit for bit: decay on matrices only, a changing learning rate") {
  torch::manual_seed(11);
  const std::vector<std::vector<int64_t>> shapes{{64, 32}, {32}, {7, 5, 3}, {5}, {300, 17}};
  torch::OrderedDict<std::string, torch::Tensor> ours;
  std::vector<torch::Tensor> decayed, not_decayed;
  for (size_t i = 0; i < shapes.size(); ++i) {
    auto initial = torch::randn(shapes[i]);
    ours.insert("p" + std::to_string(i), initial.clone().requires_grad_(true));
    auto theirs = initial.clone().requires_grad_(true);
    (shapes[i].size() >= 2 ? decayed : not_decayed).push_back(theirs);
  }
  const AdamWOptions options;  // beta1 0.9, beta2 0.95, eps 1e-8, weight decay 0.1
  AdamW adamw(ours, options);
  auto group_options = [&](double weight_decay) {
    return std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(1e-3)
                                                            .betas({options.beta1, options.beta2})
                                                            .eps(options.eps)
                                                            .weight_decay(weight_decay));
  };
  torch::optim::AdamW reference({torch::optim::OptimizerParamGroup(decayed, group_options(options.weight_decay)),
                                 torch::optim::OptimizerParamGroup(not_decayed, group_options(0.0))},
                                torch::optim::AdamWOptions(1e-3));
  for (int step = 0; step < 6; ++step) {
    const double lr = 1e-3 * (step + 1) / 3.0;
    for (auto& group : reference.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
    size_t d = 0, n = 0;
    for (auto& p : ours) {
      auto grad = torch::randn(p.value().sizes()) * (step % 2 ? 3.0 : 0.01);
      p.value().mutable_grad() = grad.clone();
      auto& theirs = p.value().dim() >= 2 ? decayed[d++] : not_decayed[n++];
      theirs.mutable_grad() = grad.clone();
    }
    adamw.step(lr);
    reference.step();
    d = n = 0;
    for (auto& p : ours) {
      INFO("step " << step << ", parameter " << p.key());
      const auto& theirs = p.value().dim() >= 2 ? decayed[d++] : not_decayed[n++];
      CHECK(torch::equal(p.value(), theirs));
    }
  }
  CHECK(adamw.steps() == 6);
}
