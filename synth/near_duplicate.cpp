#include "synth/near_duplicate.h"

#include <cctype>
#include <stdexcept>
#include <string_view>

#include "synth/vocabulary.h"

namespace mucpt::synth {

namespace {

constexpr size_t kInserted = static_cast<size_t>(-1);

// Views into the original text or into static word lists, so edits move no bytes.
struct Token {
  std::string_view space;  // whitespace before the word
  std::string_view word;
  size_t old_start;        // offset of the word in the original, or kInserted
  bool locked;             // overlaps planted PII: never edited
};

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }
bool has_newline(std::string_view s) { return s.find('\n') != std::string_view::npos; }

std::vector<Token> tokenize(const Doc& doc) {
  std::vector<Token> tokens;
  const std::string_view t = doc.text;
  size_t i = 0;
  while (i < t.size()) {
    const size_t ws = i;
    while (i < t.size() && is_space(t[i])) ++i;
    if (i == t.size()) break;
    const size_t start = i;
    while (i < t.size() && !is_space(t[i])) ++i;
    bool locked = false;
    for (const PiiSpan& s : doc.pii) locked |= s.start < i && start < s.end;
    tokens.push_back({t.substr(ws, start - ws), t.substr(start, i - start), start, locked});
  }
  return tokens;
}

std::string_view filler_word(Rng& rng) {
  static const char* const kLists[] = {"sound_adj", "adverb", "mood", "praise_adj", "general_adj"};
  return vocabulary_word(kLists[rng.below(5)], rng);
}

bool ends_sentence(std::string_view w) {
  return !w.empty() && (w.back() == '.' || w.back() == '!' || w.back() == '?');
}

// Removes one sentence (neither the first nor the last) that holds no locked token.
void drop_sentence(std::vector<Token>& tokens, Rng& rng) {
  std::vector<std::pair<size_t, size_t>> sentences;
  size_t begin = 0;
  bool locked = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    locked |= tokens[i].locked;
    if (ends_sentence(tokens[i].word)) {
      if (begin > 0 && !locked && i + 1 < tokens.size()) sentences.emplace_back(begin, i + 1);
      begin = i + 1;
      locked = false;
    }
  }
  if (sentences.empty()) return;
  const auto [b, e] = sentences[rng.below(sentences.size())];
  if (has_newline(tokens[b].space)) tokens[e].space = tokens[b].space;
  tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(b), tokens.begin() + static_cast<std::ptrdiff_t>(e));
}

size_t unlocked_index(const std::vector<Token>& tokens, Rng& rng) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    const size_t i = rng.below(tokens.size());
    if (!tokens[i].locked) return i;
  }
  return tokens.size();
}

}  // namespace

Doc make_near_duplicate(const Doc& original, bool heavy, Rng& rng) {
  std::vector<Token> tokens = tokenize(original);
  Doc copy;
  copy.entity_id = original.entity_id;
  copy.extra = original.extra;
  copy.style = original.style;
  copy.lang = original.lang;
  if (tokens.size() < 10) {
    copy.text = original.text;
    copy.pii = original.pii;
    return copy;
  }

  if (rng.chance(heavy ? 0.8 : 0.3)) drop_sentence(tokens, rng);
  const double rate = heavy ? 0.03 + rng.unit() * 0.05 : 0.004 + rng.unit() * 0.014;
  const size_t edits = std::max<size_t>(1, static_cast<size_t>(static_cast<double>(tokens.size()) * rate));
  for (size_t e = 0; e < edits; ++e) {
    const size_t i = unlocked_index(tokens, rng);
    if (i >= tokens.size()) continue;
    switch (rng.below(3)) {
      case 0:  // substitute
        tokens[i].word = filler_word(rng);
        tokens[i].old_start = kInserted;
        break;
      case 1:  // insert before token i
        tokens.insert(tokens.begin() + static_cast<std::ptrdiff_t>(i), Token{" ", filler_word(rng), kInserted, false});
        if (i == 0) std::swap(tokens[0].space, tokens[1].space);
        break;
      default:  // delete, keeping a paragraph break that preceded the word
        if (i + 1 < tokens.size() && has_newline(tokens[i].space)) tokens[i + 1].space = tokens[i].space;
        tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i));
        break;
    }
  }
  // Whitespace and letter case change too; they leave the shingles (lower-cased
  // words) as they were.
  const int spacing = static_cast<int>(rng.range(0, 3));
  for (int k = 0; k < spacing; ++k) {
    const size_t i = unlocked_index(tokens, rng);
    if (i == 0 || i >= tokens.size() || tokens[i - 1].locked) continue;
    if (tokens[i].space == " ") tokens[i].space = rng.chance(0.5) ? "  " : " \t";
    else if (tokens[i].space == "\n\n") tokens[i].space = "\n \n";
  }
  const int case_change = rng.chance(0.3) ? (rng.chance(0.3) ? 2 : 1) : 0;  // 1 lower, 2 upper

  std::vector<size_t> new_start(tokens.size());
  copy.text.reserve(original.text.size() + 64);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) copy.text.append(tokens[i].space);
    new_start[i] = copy.text.size();
    copy.text.append(tokens[i].word);
    if (case_change && !tokens[i].locked) {
      for (size_t k = new_start[i]; k < copy.text.size(); ++k) {
        const unsigned char u = static_cast<unsigned char>(copy.text[k]);
        if (u < 0x80) copy.text[k] = static_cast<char>(case_change == 2 ? std::toupper(u) : std::tolower(u));
      }
    }
  }
  // A span starts inside a locked token; locked tokens keep their bytes, their order
  // and the whitespace between them.
  size_t from = 0;
  for (const PiiSpan& s : original.pii) {
    for (size_t i = from; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      if (t.locked && t.old_start != kInserted && t.old_start <= s.start && s.start < t.old_start + t.word.size()) {
        const size_t start = new_start[i] + (s.start - t.old_start);
        copy.pii.push_back({s.type, start, start + (s.end - s.start)});
        from = i;
        break;
      }
    }
  }
  bool exact = copy.pii.size() == original.pii.size();
  for (size_t k = 0; exact && k < copy.pii.size(); ++k) {
    const PiiSpan& n = copy.pii[k];
    const PiiSpan& o = original.pii[k];
    exact = copy.text.compare(n.start, n.end - n.start, original.text, o.start, o.end - o.start) == 0;
  }
  if (!exact) throw std::logic_error("near duplicate moved a PII span incorrectly");
  return copy;
}

}  // namespace mucpt::synth
