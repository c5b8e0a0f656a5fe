#include "training/train/validation.h"

#include <nlohmann/json.hpp>

#include "common/config.h"
#include "common/line_writer.h"
#include "training/data/vocabulary_check.h"
#include "training/model/token_losses.h"
#include "training/train/gradient_sync.h"

namespace mucpt {

namespace {

// Each shard's one source from dataset.json ("" when it has several or none listed).
std::vector<std::string> single_sources(const std::string& tokens_dir) {
  const auto j = nlohmann::json::parse(read_small_file(tokens_dir + "/dataset.json"), nullptr, false);
  std::vector<std::string> sources;
  for (const auto& shard : j["shards"]) {
    const auto listed = shard.value("sources", nlohmann::json::object());
    sources.push_back(listed.is_object() && listed.size() == 1 ? listed.begin().key() : "");
  }
  return sources;
}

}  // namespace

Validation::Validation(const std::string& tokens_dir, int64_t seq_len, int64_t max_windows, int64_t vocab_size)
    : windows_(shards_of_dataset(tokens_dir), seq_len) {
  const size_t total = windows_.size();
  if (total == 0) throw UserError(tokens_dir + ": no validation window of " + std::to_string(seq_len + 1) + " tokens");
  const size_t n = max_windows > 0 ? std::min(total, static_cast<size_t>(max_windows)) : total;
  for (size_t i = 0; i < n; ++i) chosen_.push_back(i * total / n);
  // Checked now, on every rank alike: a bad id found at the first validation (by default
  // the last step) would end the run before its final checkpoint.
  const uint64_t span = static_cast<uint64_t>(seq_len) + 1;
  for (size_t k : chosen_) {
    const Window w = windows_.at(k);
    const uint64_t bad = first_token_outside_vocabulary(windows_, w.shard, vocab_size, w.start, w.start + span);
    if (bad == w.start + span) continue;
    std::vector<int32_t> id;
    windows_.read_tokens(w.shard, bad, 1, id);
    throw UserError("val.data: " + windows_.shard_prefix(w.shard) + ".bin: token " + std::to_string(bad) + " is id " +
                    std::to_string(id[0]) + ", outside the model's vocabulary of " + std::to_string(vocab_size));
  }
  shard_source_ = single_sources(tokens_dir);
  for (const auto& s : shard_source_) {
    if (s.empty()) {
      sources_.clear();
      break;
    }
    if (std::find(sources_.begin(), sources_.end(), s) == sources_.end()) sources_.push_back(s);
  }
}

ValidationLoss Validation::measure(LlamaForCausalLM& model, int rank, int ranks, int64_t batch_size,
                                   bool keep_window_losses) const {
  torch::NoGradGuard no_grad;
  const int64_t T = windows_.seq_len();
  // Loss and token sums: in total, then per source.
  std::vector<double> sums(2 + 2 * sources_.size(), 0.0);
  std::vector<size_t> mine;  // positions in chosen_
  for (size_t i = static_cast<size_t>(rank); i < chosen_.size(); i += static_cast<size_t>(ranks)) mine.push_back(i);
  // Each window's loss is written by the one rank that measures it, so the sum over the
  // ranks is that loss exactly.
  std::vector<double> window_losses(keep_window_losses ? chosen_.size() : 0, 0.0);
  for (size_t b = 0; b < mine.size(); b += static_cast<size_t>(batch_size)) {
    const size_t n = std::min(mine.size() - b, static_cast<size_t>(batch_size));
    std::vector<int32_t> tokens;
    for (size_t k = 0; k < n; ++k) windows_.read(chosen_[mine[b + k]], tokens);
    auto all = torch::from_blob(tokens.data(), {static_cast<int64_t>(n), T + 1}, torch::kInt32)
                   .to(model->parameters().front().device(), torch::kInt64);
    auto loss = token_losses_without_grad(model, all.slice(1, 0, T), all.slice(1, 1, T + 1))
                    .sum(1)
                    .to(torch::kCPU, torch::kFloat64);
    for (size_t k = 0; k < n; ++k) {
      const double l = loss[static_cast<int64_t>(k)].item<double>();
      sums[0] += l;
      sums[1] += static_cast<double>(T);
      if (keep_window_losses) window_losses[mine[b + k]] = l / static_cast<double>(T);
      const std::string& source = shard_source_[windows_.at(chosen_[mine[b + k]]).shard];
      const auto at = std::find(sources_.begin(), sources_.end(), source);
      if (at == sources_.end()) continue;
      const size_t s = static_cast<size_t>(at - sources_.begin());
      sums[2 + 2 * s] += l;
      sums[3 + 2 * s] += static_cast<double>(T);
    }
  }
  sum_over_ranks(sums);
  if (keep_window_losses) sum_over_ranks(window_losses);
  ValidationLoss result;
  result.loss = sums[0] / sums[1];
  for (size_t s = 0; s < sources_.size(); ++s)
    if (sums[3 + 2 * s] > 0) result.by_source[sources_[s]] = sums[2 + 2 * s] / sums[3 + 2 * s];
  result.window_losses = std::move(window_losses);
  return result;
}

const std::string& Validation::window_source(size_t k) const {
  static const std::string mixed;
  return sources_.empty() ? mixed : shard_source_[windows_.at(chosen_[k]).shard];
}

}  // namespace mucpt
