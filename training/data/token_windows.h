#pragma once
// Training samples from packed shards, as llm.c cuts them: each shard's token stream
// is read in windows of seq_len + 1 tokens that overlap by one (inputs are the first
// seq_len, targets the last seq_len), so window k of a shard predicts its tokens
// k*seq_len + 1 ... (k+1)*seq_len. The tail of a shard shorter than a window is not
// used. `score` and `train` cut the same windows, so a reference loss stored per token
// position was computed with the context the trainer sees.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mucpt {

class IndexedDatasetReader;

// The window length a command uses: the one asked for, else the model's context
// (at most 1024 tokens).
int64_t window_length(int64_t requested, int64_t max_positions);

// The shard prefixes listed by DIR/dataset.json (curate's tokens/ folder), in order.
std::vector<std::string> shards_of_dataset(const std::string& tokens_dir);

struct Window {
  size_t shard = 0;
  uint64_t start = 0;  // first token (an input) within the shard's stream
};

class TokenWindows {
 public:
  TokenWindows(const std::vector<std::string>& shard_prefixes, int64_t seq_len);
  ~TokenWindows();

  int64_t seq_len() const { return seq_len_; }
  size_t size() const { return first_.back(); }  // windows over every shard
  size_t shards() const { return readers_.size(); }
  const std::string& shard_prefix(size_t shard) const { return prefixes_[shard]; }
  uint64_t shard_tokens(size_t shard) const;
  size_t shard_windows(size_t shard) const { return first_[shard + 1] - first_[shard]; }
  size_t first_window(size_t shard) const { return first_[shard]; }

  Window at(size_t index) const;
  // The window's seq_len + 1 tokens, appended to out.
  void read(size_t index, std::vector<int32_t>& out) const;
  // The tokens [begin, begin + n) of a shard's stream, appended to out.
  void read_tokens(size_t shard, uint64_t begin, size_t n, std::vector<int32_t>& out) const;

 private:
  std::vector<std::string> prefixes_;
  std::vector<std::unique_ptr<IndexedDatasetReader>> readers_;
  std::vector<size_t> first_;  // first window index of each shard; back() = total
  int64_t seq_len_;
};

// A permutation of 0..n-1 from a seed: Fisher-Yates over a 64-bit Mersenne Twister,
// the same on every platform and every rank.
std::vector<size_t> shuffled_order(size_t n, uint64_t seed);

}  // namespace mucpt
