#include "training/model/greedy.h"

namespace mucpt {

std::vector<int64_t> greedy_generate(LlamaForCausalLM& model, const std::vector<int64_t>& prompt, int max_new,
                                     int64_t stop_id, bool use_cache, const torch::Tensor& logit_bias) {
  torch::NoGradGuard no_grad;
  std::vector<int64_t> ids = prompt;
  std::vector<int64_t> generated;
  KvCache cache;
  std::vector<int64_t> feed = prompt;  // what the model has not seen yet
  for (int step = 0; step < max_new; ++step) {
    auto input = torch::tensor(use_cache ? feed : ids, torch::kInt64).unsqueeze(0);
    auto logits = model->forward(input, use_cache ? &cache : nullptr).select(1, input.size(1) - 1).squeeze(0);
    if (logit_bias.defined()) logits = logits + logit_bias;
    const int64_t next = logits.argmax().item<int64_t>();
    generated.push_back(next);
    ids.push_back(next);
    feed.assign(1, next);
    if (next == stop_id) break;
  }
  return generated;
}

}  // namespace mucpt
