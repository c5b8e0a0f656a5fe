#include "training/model/greedy.h"

namespace mucpt {

std::vector<int64_t> greedy_generate(LlamaForCausalLM& model, const std::vector<int64_t>& prompt, int max_new,
                                     int64_t stop_id) {
  torch::NoGradGuard no_grad;
  std::vector<int64_t> ids = prompt;
  std::vector<int64_t> generated;
  for (int step = 0; step < max_new; ++step) {
    auto input = torch::tensor(ids, torch::kInt64).unsqueeze(0);
    auto logits = model->forward(input).select(1, input.size(1) - 1).squeeze(0);
    int64_t next = logits.argmax().item<int64_t>();
    generated.push_back(next);
    ids.push_back(next);
    if (next == stop_id) break;
  }
  return generated;
}

}  // namespace mucpt
