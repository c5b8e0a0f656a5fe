#include "common/tokenizer/bpe_model.h"

#include <cstring>
#include <queue>
#include <stdexcept>
#include <tuple>

#include "common/tokenizer/byte_unicode_map.h"

namespace mucpt {

namespace {
// Words up to this many symbols merge by rescanning a small array (cache friendly);
// longer ones (long runs of spaces or letters) use a heap.
constexpr size_t kShortWord = 64;
}  // namespace

BpeModel::BpeModel(const std::vector<std::pair<std::string, int32_t>>& vocab,
                   const std::vector<std::pair<std::string, std::string>>& merges, BpeModelOptions options)
    : options_(std::move(options)) {
  size_t limit = 0;
  for (const auto& [token, id] : vocab) {
    if (id < 0) throw std::invalid_argument("negative token id for " + token);
    limit = std::max(limit, size_t(id) + 1);
  }
  tokens_.assign(limit, std::string());
  bytes_.assign(limit, std::string());
  present_.assign(limit, false);
  by_token_.reserve(vocab.size());
  for (const auto& [token, id] : vocab) {
    tokens_[size_t(id)] = token;
    present_[size_t(id)] = true;
    // Tokens outside the byte alphabet (added text kept in the vocabulary) decode as is.
    if (!byte_level_to_bytes(token, bytes_[size_t(id)])) bytes_[size_t(id)] = token;
    by_token_[token] = id;
  }
  for (int b = 0; b < 256; ++b) byte_ids_[b] = token_to_id(byte_to_unicode_utf8(uint8_t(b)));
  if (!options_.unk_token.empty()) unk_id_ = token_to_id(options_.unk_token);

  pairs_.reserve(merges.size());
  merges_.reserve(merges.size());
  std::string joined;
  for (size_t rank = 0; rank < merges.size(); ++rank) {
    const auto& [left, right] = merges[rank];
    int32_t l = token_to_id(left), r = token_to_id(right);
    joined = left;
    joined += right;
    int32_t m = token_to_id(joined);
    if (l < 0 || r < 0 || m < 0)
      throw std::invalid_argument("merge " + std::to_string(rank) + " (\"" + left + "\" \"" + right +
                                  "\") uses a token missing from the vocabulary");
    pairs_.insert(l, r, {int32_t(rank), m});
    merges_.emplace_back(l, r);
  }
}

int32_t BpeModel::token_to_id(std::string_view token) const {
  auto it = by_token_.find(std::string(token));
  return it == by_token_.end() ? -1 : it->second;
}

void BpeModel::encode_word(std::string_view bytes, std::vector<int32_t>& out) const {
  if (bytes.empty()) return;
  if (options_.ignore_merges) {
    int32_t whole = token_to_id(bytes_to_byte_level(bytes));
    if (whole >= 0) {
      out.push_back(whole);
      return;
    }
  }
  thread_local std::vector<int32_t> symbols;
  symbols.clear();
  for (unsigned char b : bytes) {
    int32_t id = byte_ids_[b];
    if (id < 0) id = unk_id_;
    if (id >= 0) symbols.push_back(id);
  }
  if (symbols.size() <= kShortWord)
    merge_short(symbols);
  else
    merge_long(symbols);
  out.insert(out.end(), symbols.begin(), symbols.end());
}

void BpeModel::merge_short(std::vector<int32_t>& symbols) const {
  size_t n = symbols.size();
  if (n < 2) return;
  int32_t* s = symbols.data();
  PairMerge pair[kShortWord];
  for (size_t i = 0; i + 1 < n; ++i) pair[i] = pairs_.find(s[i], s[i + 1]);
  while (n > 1) {
    size_t at = n;
    int32_t best = PairRankTable::kNoRank;
    for (size_t i = 0; i + 1 < n; ++i)
      if (pair[i].rank < best) {
        best = pair[i].rank;
        at = i;
      }
    if (at == n) break;
    s[at] = pair[at].id;
    std::memmove(s + at + 1, s + at + 2, (n - at - 2) * sizeof(int32_t));
    if (at + 3 < n) std::memmove(pair + at + 1, pair + at + 2, (n - at - 3) * sizeof(PairMerge));
    --n;
    if (at > 0) pair[at - 1] = pairs_.find(s[at - 1], s[at]);
    if (at + 1 < n) pair[at] = pairs_.find(s[at], s[at + 1]);
  }
  symbols.resize(n);
}

void BpeModel::merge_long(std::vector<int32_t>& symbols) const {
  const int32_t n = int32_t(symbols.size());
  struct Node {
    int32_t id, prev, next;
  };
  std::vector<Node> nodes(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) nodes[size_t(i)] = {symbols[size_t(i)], i - 1, i + 1 < n ? i + 1 : -1};
  // (rank, left position, left id, right id): the ids detect entries made stale by
  // an earlier merge at either side.
  using Entry = std::tuple<int32_t, int32_t, int32_t, int32_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap;
  auto push = [&](int32_t pos) {
    if (pos < 0) return;
    int32_t next = nodes[size_t(pos)].next;
    if (next < 0) return;
    PairMerge m = pairs_.find(nodes[size_t(pos)].id, nodes[size_t(next)].id);
    if (m.rank != PairRankTable::kNoRank) heap.emplace(m.rank, pos, nodes[size_t(pos)].id, nodes[size_t(next)].id);
  };
  for (int32_t i = 0; i + 1 < n; ++i) push(i);
  while (!heap.empty()) {
    auto [rank, pos, left, right] = heap.top();
    heap.pop();
    Node& node = nodes[size_t(pos)];
    if (node.id != left || node.next < 0 || nodes[size_t(node.next)].id != right) continue;
    Node& gone = nodes[size_t(node.next)];
    node.id = pairs_.find(left, right).id;
    node.next = gone.next;
    if (gone.next >= 0) nodes[size_t(gone.next)].prev = pos;
    gone.id = -1;
    push(node.prev);
    push(pos);
  }
  symbols.clear();
  for (int32_t i = 0; i >= 0; i = nodes[size_t(i)].next) symbols.push_back(nodes[size_t(i)].id);
}

}  // namespace mucpt
