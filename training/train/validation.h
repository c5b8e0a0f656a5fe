#pragma once
// Held-out loss during training: the mean next-token loss over windows of a separate
// packed dataset (curate's tokens/ folder of held-out documents), the same windows at
// every evaluation, shared over the ranks and summed. When every shard of that dataset
// holds one source (curate --packing.shards=unit), the loss is also given per source.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "training/data/token_windows.h"
#include "training/model/llama.h"

namespace mucpt {

struct ValidationLoss {
  double loss = 0;
  std::map<std::string, double> by_source;  // empty unless shards are single-source
  // Only when asked for: each window's mean token loss, in window order, on every rank.
  std::vector<double> window_losses;
};

class Validation {
 public:
  // At most max_windows windows (0: all), spread evenly over the dataset.
  Validation(const std::string& tokens_dir, int64_t seq_len, int64_t max_windows, int64_t vocab_size);
  ValidationLoss measure(LlamaForCausalLM& model, int rank, int ranks, int64_t batch_size,
                         bool keep_window_losses = false) const;
  size_t windows() const { return chosen_.size(); }
  int64_t seq_len() const { return windows_.seq_len(); }
  // The source of window k (0 <= k < windows()); "" unless every shard holds one source.
  const std::string& window_source(size_t k) const;

 private:
  TokenWindows windows_;
  std::vector<size_t> chosen_;
  std::vector<std::string> shard_source_;  // per shard; "" when the shard mixes sources
  std::vector<std::string> sources_;       // distinct single sources, in order
};

}  // namespace mucpt
