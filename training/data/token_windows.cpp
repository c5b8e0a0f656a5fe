#include "training/data/token_windows.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>

#include "common/config.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/megatron/indexed_dataset_reader.h"

namespace mucpt {

int64_t window_length(int64_t requested, int64_t max_positions) {
  if (requested < 0) throw ConfigError("seq_len must be 0 (the model's) or positive, not " + std::to_string(requested));
  return requested > 0 ? requested : std::min<int64_t>(1024, max_positions);
}

std::vector<std::string> shards_of_dataset(const std::string& tokens_dir) {
  const std::string path = tokens_dir + "/dataset.json";
  std::string text;
  try {
    text = read_small_file(path);
  } catch (const std::exception& e) {
    throw UserError(path + ": cannot be read (is " + tokens_dir + " a curate tokens/ folder?)");
  }
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object() || !j.contains("shards") || !j["shards"].is_array())
    throw UserError(path + ": needs a \"shards\" list");
  std::vector<std::string> prefixes;
  for (const auto& s : j["shards"]) {
    if (!s.is_object() || !s.contains("shard") || !s["shard"].is_string())
      throw UserError(path + ": every shard needs a \"shard\" name");
    prefixes.push_back(tokens_dir + "/" + s["shard"].get<std::string>());
  }
  return prefixes;
}

TokenWindows::TokenWindows(const std::vector<std::string>& shard_prefixes, int64_t seq_len)
    : prefixes_(shard_prefixes), seq_len_(seq_len) {
  if (seq_len < 1) throw UserError("the sequence length must be positive");
  first_.push_back(0);
  for (const auto& prefix : prefixes_) {
    readers_.push_back(std::make_unique<IndexedDatasetReader>(prefix));
    const uint64_t tokens = readers_.back()->tokens();
    const size_t windows = tokens > 0 ? static_cast<size_t>((tokens - 1) / static_cast<uint64_t>(seq_len)) : 0;
    first_.push_back(first_.back() + windows);
  }
}

TokenWindows::~TokenWindows() = default;

uint64_t TokenWindows::shard_tokens(size_t shard) const { return readers_[shard]->tokens(); }

Window TokenWindows::at(size_t index) const {
  if (index >= size()) throw std::out_of_range("window " + std::to_string(index) + " of " + std::to_string(size()));
  const size_t shard = static_cast<size_t>(std::upper_bound(first_.begin(), first_.end(), index) - first_.begin()) - 1;
  return {shard, static_cast<uint64_t>(index - first_[shard]) * static_cast<uint64_t>(seq_len_)};
}

void TokenWindows::read(size_t index, std::vector<int32_t>& out) const {
  const Window w = at(index);
  readers_[w.shard]->read_stream(w.start, static_cast<size_t>(seq_len_) + 1, out);
}

void TokenWindows::read_tokens(size_t shard, uint64_t begin, size_t n, std::vector<int32_t>& out) const {
  readers_[shard]->read_stream(begin, n, out);
}

std::vector<size_t> shuffled_order(size_t n, uint64_t seed) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::mt19937_64 rng(seed);
  for (size_t i = n; i > 1; --i) {
    // Unbiased draw from [0, i) by rejection; std::uniform_int_distribution's algorithm
    // differs between standard libraries.
    const uint64_t bound = i, limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t r;
    do r = rng();
    while (r >= limit);
    std::swap(order[i - 1], order[r % bound]);
  }
  return order;
}

}  // namespace mucpt
