#include "training/model/token_losses.h"

#include <algorithm>
#include <vector>

namespace mucpt {

torch::Tensor token_losses_without_grad(LlamaForCausalLM& model, const torch::Tensor& inputs,
                                        const torch::Tensor& targets, int64_t logits_per_slice) {
  torch::NoGradGuard no_grad;
  const auto hidden = model->model->forward(inputs);
  const auto positions = hidden.reshape({-1, hidden.size(-1)});
  const auto flat_targets = targets.reshape({-1});
  const int64_t total = positions.size(0);
  const int64_t slice = std::max<int64_t>(1, logits_per_slice / model->config.vocab_size);
  std::vector<torch::Tensor> losses;
  for (int64_t at = 0; at < total; at += slice) {
    const int64_t end = std::min(total, at + slice);
    losses.push_back(torch::nn::functional::cross_entropy(
        model->logits(positions.slice(0, at, end)), flat_targets.slice(0, at, end),
        torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone)));
  }
  return (losses.size() == 1 ? losses.front() : torch::cat(losses)).view(targets.sizes());
}

}  // namespace mucpt
