#pragma once
// The byte-level BPE model: a vocabulary of byte-level token strings and the ranked
// merges. Encoding one pre-token starts from its bytes and applies the lowest-ranked
// merge present (leftmost first on ties) until none applies, as Hugging Face
// tokenizers do; results are therefore identical even for tokens the merges cannot
// reach.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/tokenizer/pair_rank_table.h"

namespace mucpt {

struct BpeModelOptions {
  // Look the whole pre-token up in the vocabulary before merging (Llama 3 style).
  bool ignore_merges = false;
  // Token for bytes whose single-byte token is missing; "" drops such bytes, as
  // Hugging Face does without an unknown token.
  std::string unk_token;
};

class BpeModel {
 public:
  BpeModel() = default;
  // vocab: (byte-level token, id); merges: pairs of byte-level tokens in rank order.
  // Throws std::invalid_argument when a merge names a token missing from vocab.
  BpeModel(const std::vector<std::pair<std::string, int32_t>>& vocab,
           const std::vector<std::pair<std::string, std::string>>& merges, BpeModelOptions options = {});

  // Appends the ids of one pre-token given as raw bytes.
  void encode_word(std::string_view bytes, std::vector<int32_t>& out) const;

  int32_t token_to_id(std::string_view token) const;  // -1 when absent
  bool has_id(int32_t id) const { return id >= 0 && size_t(id) < tokens_.size() && present_[size_t(id)]; }
  // Byte-level spelling ("" for an unused id) and the raw bytes it stands for.
  const std::string& token(int32_t id) const { return tokens_[size_t(id)]; }
  std::string_view token_bytes(int32_t id) const { return bytes_[size_t(id)]; }
  // One past the largest id, and the number of tokens.
  size_t id_limit() const { return tokens_.size(); }
  size_t size() const { return by_token_.size(); }
  // (left id, right id) in rank order.
  const std::vector<std::pair<int32_t, int32_t>>& merges() const { return merges_; }
  const BpeModelOptions& options() const { return options_; }

 private:
  void merge_short(std::vector<int32_t>& symbols) const;
  void merge_long(std::vector<int32_t>& symbols) const;

  BpeModelOptions options_;
  std::vector<std::string> tokens_;
  std::vector<std::string> bytes_;
  std::vector<bool> present_;
  std::unordered_map<std::string, int32_t> by_token_;
  std::vector<std::pair<int32_t, int32_t>> merges_;
  PairRankTable pairs_;
  int32_t byte_ids_[256];
  int32_t unk_id_ = -1;
};

}  // namespace mucpt
