#include "common/tokenizer/bpe_trainer.h"

#include <algorithm>
#include <queue>
#include <stdexcept>

#include "common/tokenizer/byte_unicode_map.h"
#include "common/unicode.h"

namespace mucpt {

namespace {

uint64_t pair_key(int32_t left, int32_t right) { return (uint64_t(uint32_t(left)) << 32) | uint32_t(right); }

struct Word {
  std::vector<int32_t> symbols;
  int64_t count;
};

struct Candidate {
  int64_t count;
  uint64_t key;
  // The queue pops the largest: more frequent first, then the smaller pair.
  bool operator<(const Candidate& o) const { return count != o.count ? count < o.count : key > o.key; }
};

}  // namespace

BpeTrainer::BpeTrainer(BpeTrainerOptions options) : options_(std::move(options)) {
  std::vector<AddedToken> specials;
  for (size_t i = 0; i < options_.special_tokens.size(); ++i) {
    AddedToken t;
    t.content = options_.special_tokens[i];
    t.id = int32_t(i);
    specials.push_back(std::move(t));
  }
  specials_ = AddedTokens(std::move(specials));
  if (options_.vocab_size < options_.special_tokens.size() + 256)
    throw std::invalid_argument("vocab_size must leave room for the special tokens and the 256 bytes");
}

void BpeTrainer::add_text(std::string_view text) {
  segments_.clear();
  specials_.split(text, false, true, segments_);
  for (const TextSegment& seg : segments_) {
    if (seg.id >= 0) continue;
    std::string_view part = text.substr(seg.begin, seg.end - seg.begin);
    if (options_.nfc && !is_nfc_quick(part) && is_valid_utf8(part) && nfc_normalize(part, normalized_))
      part = normalized_;
    ends_.clear();
    pretokenize(options_.pretokenizer, part, ends_);
    size_t start = 0;
    for (size_t end : ends_) {
      ++counts_[std::string(part.substr(start, end - start))];
      start = end;
    }
  }
}

Tokenizer BpeTrainer::train() const {
  std::vector<std::string> tokens;
  std::unordered_map<std::string, int32_t> ids;
  for (const std::string& s : options_.special_tokens) {
    ids.emplace(s, int32_t(tokens.size()));
    tokens.push_back(s);
  }
  const int32_t first_byte = int32_t(tokens.size());
  for (int b = 0; b < 256; ++b) {
    std::string t(byte_to_unicode_utf8(uint8_t(b)));
    ids.emplace(t, int32_t(tokens.size()));
    tokens.push_back(t);
  }

  // Pieces in a fixed order, so the result does not depend on hash-map order.
  std::vector<std::pair<std::string_view, uint64_t>> pieces(counts_.begin(), counts_.end());
  std::sort(pieces.begin(), pieces.end());
  std::vector<Word> words;
  words.reserve(pieces.size());
  for (const auto& [piece, count] : pieces) {
    Word w{{}, int64_t(count)};
    for (unsigned char b : piece) w.symbols.push_back(first_byte + b);
    words.push_back(std::move(w));
  }

  std::unordered_map<uint64_t, int64_t> pair_counts;
  std::unordered_map<uint64_t, std::vector<uint32_t>> where;
  for (uint32_t w = 0; w < words.size(); ++w) {
    const auto& s = words[w].symbols;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      uint64_t key = pair_key(s[i], s[i + 1]);
      pair_counts[key] += words[w].count;
      auto& list = where[key];
      if (list.empty() || list.back() != w) list.push_back(w);
    }
  }
  std::priority_queue<Candidate> queue;
  for (const auto& [key, count] : pair_counts) queue.push({count, key});

  std::vector<std::pair<std::string, std::string>> merges;
  std::vector<uint32_t> visited(words.size(), UINT32_MAX);
  std::unordered_map<uint64_t, int64_t> changes;
  while (tokens.size() < options_.vocab_size && !queue.empty()) {
    Candidate top = queue.top();
    queue.pop();
    auto it = pair_counts.find(top.key);
    int64_t current = it == pair_counts.end() ? 0 : it->second;
    if (current != top.count) {  // stale: requeue with the live count
      if (current > 0) queue.push({current, top.key});
      continue;
    }
    if (uint64_t(current) < options_.min_frequency || current <= 0) break;

    const int32_t left = int32_t(top.key >> 32), right = int32_t(uint32_t(top.key));
    std::string joined = tokens[size_t(left)] + tokens[size_t(right)];
    int32_t merged;
    auto found = ids.find(joined);
    if (found != ids.end()) {
      merged = found->second;  // another pair already spelled this token
    } else {
      merged = int32_t(tokens.size());
      ids.emplace(joined, merged);
      tokens.push_back(joined);
    }
    merges.emplace_back(tokens[size_t(left)], tokens[size_t(right)]);

    changes.clear();
    const uint32_t stamp = uint32_t(merges.size());
    std::vector<uint32_t> touched = std::move(where[top.key]);
    where.erase(top.key);
    for (uint32_t w : touched) {
      if (visited[w] == stamp) continue;
      visited[w] = stamp;
      auto& s = words[w].symbols;
      const int64_t c = words[w].count;
      for (size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] != left || s[i + 1] != right) continue;
        changes[top.key] -= c;
        if (i > 0) {
          changes[pair_key(s[i - 1], left)] -= c;
          changes[pair_key(s[i - 1], merged)] += c;
          where[pair_key(s[i - 1], merged)].push_back(w);
        }
        if (i + 2 < s.size()) {
          changes[pair_key(right, s[i + 2])] -= c;
          changes[pair_key(merged, s[i + 2])] += c;
          where[pair_key(merged, s[i + 2])].push_back(w);
        }
        s[i] = merged;
        s.erase(s.begin() + long(i) + 1);
      }
    }
    for (const auto& [key, delta] : changes) {
      if (delta == 0) continue;
      int64_t& count = pair_counts[key];
      count += delta;
      if (delta > 0) queue.push({count, key});
    }
  }

  std::vector<std::pair<std::string, int32_t>> vocab;
  vocab.reserve(tokens.size());
  for (size_t id = 0; id < tokens.size(); ++id) vocab.emplace_back(tokens[id], int32_t(id));
  TokenizerPipeline pipeline;
  pipeline.nfc = options_.nfc;
  pipeline.pretokenizer = options_.pretokenizer;
  return Tokenizer(BpeModel(vocab, merges), specials_, pipeline);
}

}  // namespace mucpt
