#pragma once
// Trains a byte-level BPE from text, for the small models of demos and tests. The
// text is split as the finished tokenizer will split it (special tokens, NFC,
// pre-tokenizer); pieces are counted; then the most frequent adjacent pair is merged
// until the vocabulary is full or no pair is frequent enough. Ties go to the pair
// with the smaller ids, so a run is deterministic.
//
// Ids: the special tokens first, then the 256 bytes in byte order, then one per merge.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/tokenizer/tokenizer.h"

namespace mucpt {

struct BpeTrainerOptions {
  size_t vocab_size = 4096;    // every token: specials, 256 bytes and merges
  uint64_t min_frequency = 2;  // a pair seen fewer times is never merged
  PretokenizerKind pretokenizer = PretokenizerKind::qwen2;
  bool nfc = true;
  std::vector<std::string> special_tokens = {"<|endoftext|>"};
};

class BpeTrainer {
 public:
  explicit BpeTrainer(BpeTrainerOptions options = {});

  void add_text(std::string_view text);
  size_t distinct_pieces() const { return counts_.size(); }

  Tokenizer train() const;

 private:
  BpeTrainerOptions options_;
  AddedTokens specials_;
  std::unordered_map<std::string, uint64_t> counts_;
  std::vector<TextSegment> segments_;
  std::vector<size_t> ends_;
  std::string normalized_;
};

}  // namespace mucpt
