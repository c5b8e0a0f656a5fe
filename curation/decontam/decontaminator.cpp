#include "curation/decontam/decontaminator.h"

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>

#include "common/hashing.h"
#include "common/unicode.h"
#include "curation/dedup/shingles.h"
#include "common/benchmark/benchmark.h"

namespace mucpt {

namespace {

// The folded tokens of a text as hashes, and, when asked, the byte range in the text
// each token came from.
struct FoldedTokens {
  std::vector<uint64_t> hashes;
  std::vector<std::pair<size_t, size_t>> spans;
};

size_t utf8_length(unsigned char lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

FoldedTokens fold_tokens(std::string_view text, bool with_spans) {
  std::vector<uint32_t> offsets;
  std::string folded = with_spans ? fold_for_matching(text, offsets) : fold_for_matching(text);
  FoldedTokens out;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    size_t start = i;
    while (i < folded.size() && folded[i] != ' ') ++i;
    if (i == start) continue;
    out.hashes.push_back(hash64(std::string_view(folded).substr(start, i - start)));
    if (with_spans) {
      size_t last = offsets[i - 1];
      out.spans.emplace_back(offsets[start], last + utf8_length(static_cast<unsigned char>(text[last])));
    }
  }
  return out;
}

std::vector<uint64_t> token_hashes(std::string_view text) { return fold_tokens(text, false).hashes; }

// Whether most of a question's tokens are CJK characters (each one token after folding).
bool mostly_cjk(std::string_view text, size_t tokens) {
  size_t cjk = 0;
  for (size_t i = 0; i < text.size();) cjk += is_cjk(next_code_point(text, i));
  return 2 * cjk > tokens;
}

uint64_t gram_hash(const uint64_t* tokens, int n) {
  return XXH3_64bits(tokens, static_cast<size_t>(n) * sizeof(uint64_t));
}

bool contains(const std::vector<uint64_t>& haystack, const std::vector<uint64_t>& needle) {
  return !needle.empty() && std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

// Sentence ends: ASCII . ! ? and line breaks, and the CJK full stop, ! and ?.
size_t terminator_length_at(std::string_view text, size_t pos) {
  char c = text[pos];
  if (c == '.' || c == '!' || c == '?' || c == '\n') return 1;
  std::string_view rest = text.substr(pos, 3);
  if (rest == "\xE3\x80\x82" || rest == "\xEF\xBC\x81" || rest == "\xEF\xBC\x9F") return 3;
  return 0;
}

// At the sentence's first character (after the previous terminator and its spaces).
size_t sentence_begin(std::string_view text, size_t pos) {
  size_t j = pos;
  for (; j > 0; --j) {
    if (terminator_length_at(text, j - 1) == 1) break;
    if (j >= 3 && terminator_length_at(text, j - 3) == 3) break;
  }
  while (j < pos && (text[j] == ' ' || text[j] == '\t')) ++j;
  return j;
}

// Past the sentence's terminator and the spaces after it.
size_t sentence_end(std::string_view text, size_t pos) {
  size_t j = pos;
  while (j < text.size()) {
    if (size_t n = terminator_length_at(text, j)) {
      j += n;
      break;
    }
    ++j;
  }
  while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
  return j;
}

// A cut between paragraphs leaves their blank lines behind: keep at most one blank line.
void erase_span(std::string& text, size_t begin, size_t end) {
  text.erase(begin, end - begin);
  size_t first = begin, last = begin;
  while (first > 0 && text[first - 1] == '\n') --first;
  while (last < text.size() && text[last] == '\n') ++last;
  if (last - first > 2) text.erase(first + 2, last - first - 2);
}

size_t visible_characters(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80 && c != ' ' && c != '\t' && c != '\n' && c != '\r';
  return n;
}

}  // namespace

BenchmarkIndex::BenchmarkIndex(const std::vector<std::string>& paths, int ngram, int cjk_ngram) {
  for (const auto& path : paths) {
    for (const BenchmarkItem& item : load_benchmark(path)) {
      auto question = token_hashes(item.question);
      if (question.empty()) continue;
      uint32_t id = static_cast<uint32_t>(answers_.size());
      std::vector<std::vector<uint64_t>> forms{token_hashes(item.answer)};
      for (const auto& alias : item.aliases) forms.push_back(token_hashes(alias));
      answers_.push_back(std::move(forms));
      int n = std::min<int>(mostly_cjk(item.question, question.size()) ? cjk_ngram : ngram,
                            static_cast<int>(question.size()));
      if (std::find(lengths_.begin(), lengths_.end(), n) == lengths_.end()) lengths_.push_back(n);
      for (size_t i = 0; i + static_cast<size_t>(n) <= question.size(); ++i)
        grams_[gram_hash(question.data() + i, n)].push_back(id);
    }
  }
}

std::optional<BenchmarkIndex::Found> BenchmarkIndex::find(const std::vector<uint64_t>& tokens) const {
  for (int n : lengths_) {
    for (size_t i = 0; i + static_cast<size_t>(n) <= tokens.size(); ++i) {
      auto it = grams_.find(gram_hash(tokens.data() + i, n));
      if (it == grams_.end()) continue;
      for (uint32_t item : it->second)
        for (const auto& answer : answers_[item])
          if (contains(tokens, answer)) return Found{item, i, n};
    }
  }
  return std::nullopt;
}

int BenchmarkIndex::match(std::string_view text) const {
  auto found = find(token_hashes(text));
  return found ? static_cast<int>(found->item) : -1;
}

std::optional<BenchmarkMatch> BenchmarkIndex::locate(std::string_view text) const {
  FoldedTokens tokens = fold_tokens(text, true);
  auto found = find(tokens.hashes);
  if (!found) return std::nullopt;
  BenchmarkMatch m;
  m.item = static_cast<int>(found->item);
  m.question_begin = tokens.spans[found->gram_start].first;
  m.question_end = tokens.spans[found->gram_start + static_cast<size_t>(found->n) - 1].second;
  // The answer occurrence nearest to the question: the one that answers it here.
  size_t best = SIZE_MAX, best_distance = SIZE_MAX, best_length = 0;
  const auto& hashes = tokens.hashes;
  for (const auto& answer : answers_[found->item]) {
    if (answer.empty()) continue;
    for (auto it = hashes.begin(); (it = std::search(it, hashes.end(), answer.begin(), answer.end())) != hashes.end(); ++it) {
      size_t at = static_cast<size_t>(it - hashes.begin());
      size_t distance = at > found->gram_start ? at - found->gram_start : found->gram_start - at;
      if (distance < best_distance) {
        best = at;
        best_distance = distance;
        best_length = answer.size();
      }
    }
  }
  m.answer_begin = tokens.spans[best].first;
  m.answer_end = tokens.spans[best + best_length - 1].second;
  return m;
}

Verdict Decontaminator::process(Document& doc) {
  if (index_->match(doc.text) < 0) return Verdict::kept();
  if (mode_ == DecontamMode::cut) {
    // Cut the sentences of the question and of its answer; a text may hold several
    // items, so look again after each cut, a bounded number of times.
    std::string text = doc.text;
    uint64_t spans = 0, bytes = 0;
    for (int round = 0; round < 8; ++round) {
      auto m = index_->locate(text);
      if (!m) {
        if (visible_characters(text) < min_chars_) break;
        doc.text = std::move(text);
        ++cut_documents_;
        cut_spans_ += spans;
        cut_bytes_ += bytes;
        return Verdict::kept();
      }
      std::vector<std::pair<size_t, size_t>> cuts{
          {sentence_begin(text, m->question_begin), sentence_end(text, m->question_end)},
          {sentence_begin(text, m->answer_begin), sentence_end(text, m->answer_end)}};
      std::sort(cuts.begin(), cuts.end());
      if (cuts[1].first <= cuts[0].second) {
        cuts[0].second = std::max(cuts[0].second, cuts[1].second);
        cuts.pop_back();
      }
      for (auto c = cuts.rbegin(); c != cuts.rend(); ++c) {
        erase_span(text, c->first, c->second);
        bytes += c->second - c->first;
        ++spans;
      }
    }
  }
  ++removed_;
  return Verdict::rejected("benchmark_contamination");
}

void Decontaminator::write_counters(nlohmann::json& out) const {
  out["removed"] = removed_;
  out["cut_documents"] = cut_documents_;
  out["cut_spans"] = cut_spans_;
  out["cut_bytes"] = cut_bytes_;
  out["benchmark_items"] = index_->items();
}

std::shared_ptr<const BenchmarkIndex> Decontaminator::load(const std::vector<std::string>& paths, int ngram,
                                                           int cjk_ngram) {
  static std::mutex mutex;
  static std::map<std::tuple<std::vector<std::string>, int, int>, std::shared_ptr<const BenchmarkIndex>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto key = std::make_tuple(paths, ngram, cjk_ngram);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  auto index = std::make_shared<const BenchmarkIndex>(paths, ngram, cjk_ngram);
  cache[key] = index;
  return index;
}

}  // namespace mucpt
