#include "training/model/greedy.h"

#include <algorithm>

namespace mucpt {

std::vector<int64_t> greedy_generate(LlamaForCausalLM& model, const std::vector<int64_t>& prompt, int max_new,
                                     const std::vector<int64_t>& stop_ids, bool use_cache,
                                     const torch::Tensor& logit_bias) {
  torch::NoGradGuard no_grad;
  const torch::Device device = model->parameters().front().device();
  std::vector<int64_t> ids = prompt;
  std::vector<int64_t> generated;
  KvCache cache;
  std::vector<int64_t> feed = prompt;  // what the model has not seen yet
  for (int step = 0; step < max_new; ++step) {
    auto input = torch::tensor(use_cache ? feed : ids, torch::kInt64).to(device).unsqueeze(0);
    auto logits = model->last_logits(input, use_cache ? &cache : nullptr).squeeze(0);
    if (logit_bias.defined()) logits = logits + logit_bias;
    const int64_t next = logits.argmax().item<int64_t>();
    generated.push_back(next);
    ids.push_back(next);
    feed.assign(1, next);
    if (std::find(stop_ids.begin(), stop_ids.end(), next) != stop_ids.end()) break;
  }
  return generated;
}

namespace {

// Keeps the cache's rows `rows` (batch indices), in that order.
void keep_cache_rows(KvCache& cache, const std::vector<int64_t>& rows) {
  const auto index = torch::tensor(rows, torch::kInt64).to(cache.keys.front().device());
  for (auto& k : cache.keys) k = k.index_select(0, index);
  for (auto& v : cache.values) v = v.index_select(0, index);
  std::vector<int64_t> padding;
  for (int64_t r : rows) padding.push_back(cache.left_padding[static_cast<size_t>(r)]);
  cache.left_padding = padding;
}

}  // namespace

std::vector<std::vector<int64_t>> greedy_generate_batch(LlamaForCausalLM& model,
                                                        const std::vector<std::vector<int64_t>>& prompts,
                                                        int max_new, const std::vector<int64_t>& stop_ids,
                                                        const torch::Tensor& logit_bias,
                                                        const RowGoesOn& goes_on) {
  torch::NoGradGuard no_grad;
  const torch::Device device = model->parameters().front().device();
  std::vector<std::vector<int64_t>> generated(prompts.size());
  if (prompts.empty() || max_new <= 0) return generated;
  size_t longest = 0;
  for (const auto& p : prompts) longest = std::max(longest, p.size());
  KvCache cache;
  std::vector<int64_t> padded(prompts.size() * longest, 0);  // padding id 0: its positions are never seen
  for (size_t b = 0; b < prompts.size(); ++b) {
    const size_t pad = longest - prompts[b].size();
    cache.left_padding.push_back(static_cast<int64_t>(pad));
    std::copy(prompts[b].begin(), prompts[b].end(), padded.begin() + static_cast<long>(b * longest + pad));
  }
  std::vector<size_t> row_prompt(prompts.size());  // batch row -> prompt index
  for (size_t b = 0; b < row_prompt.size(); ++b) row_prompt[b] = b;
  auto input = torch::tensor(padded, torch::kInt64).view({static_cast<int64_t>(prompts.size()), -1}).to(device);
  while (true) {
    auto logits = model->last_logits(input, &cache);  // [rows, vocab]
    if (logit_bias.defined()) logits = logits + logit_bias;
    const auto next = logits.argmax(-1).to(torch::kCPU).contiguous();
    const int64_t* next_ids = next.data_ptr<int64_t>();
    std::vector<int64_t> kept_rows, feed;
    std::vector<size_t> kept_prompts;
    for (size_t b = 0; b < row_prompt.size(); ++b) {
      std::vector<int64_t>& ids = generated[row_prompt[b]];
      ids.push_back(next_ids[b]);
      const bool stop = std::find(stop_ids.begin(), stop_ids.end(), next_ids[b]) != stop_ids.end();
      const bool more = !stop && static_cast<int>(ids.size()) < max_new &&
                        (!goes_on || goes_on(row_prompt[b], ids));
      if (!more) continue;
      kept_rows.push_back(static_cast<int64_t>(b));
      kept_prompts.push_back(row_prompt[b]);
      feed.push_back(next_ids[b]);
    }
    if (kept_rows.empty()) break;
    if (kept_rows.size() < row_prompt.size()) keep_cache_rows(cache, kept_rows);
    row_prompt = kept_prompts;
    input = torch::tensor(feed, torch::kInt64).unsqueeze(1).to(device);
  }
  return generated;
}

}  // namespace mucpt
