#include "curation/quality/gopher_repetition.h"

#include <array>
#include <cmath>

#include "common/hashing.h"
#include "common/measure_cache.h"
#include "curation/quality/char_class.h"
#include "curation/quality/document_language.h"
#include "curation/quality/quality_stages.h"

namespace mucpt {

namespace {

// Tokens are short: FNV-1a inline beats a call into xxHash for them; extend() mixes
// the result well.
uint64_t token_hash(std::string_view token) {
  uint64_t h = 0xCBF29CE484222325ULL;
  for (char c : token) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  return h;
}

// Extends an n-gram's hash by one token's hash; order matters.
uint64_t extend(uint64_t gram, uint64_t token) {
  uint64_t x = gram * 0x9E3779B97F4A7C15ULL + token + 0x632BE59BD9B4E019ULL;
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

bool is_blank(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

double share(size_t part, size_t whole) { return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0; }

// The scores, in the order the document gets them (and the rules are tried), with the
// option that limits each and datatrove's reject reason.
constexpr size_t kScoreCount = 13;
constexpr const char* kOptionNames[kScoreCount] = {
    "gopher_repetition.dup_para_frac", "gopher_repetition.dup_para_char_frac", "gopher_repetition.dup_line_frac",
    "gopher_repetition.dup_line_char_frac", "gopher_repetition.top_2_gram", "gopher_repetition.top_3_gram",
    "gopher_repetition.top_4_gram", "gopher_repetition.dup_5_gram", "gopher_repetition.dup_6_gram",
    "gopher_repetition.dup_7_gram", "gopher_repetition.dup_8_gram", "gopher_repetition.dup_9_gram",
    "gopher_repetition.dup_10_gram"};
constexpr const char* kReasons[kScoreCount] = {
    "dup_para_frac", "dup_para_char_frac", "dup_line_frac", "dup_line_char_frac", "top_2_gram", "top_3_gram",
    "top_4_gram", "duplicated_5_n_grams", "duplicated_6_n_grams", "duplicated_7_n_grams", "duplicated_8_n_grams",
    "duplicated_9_n_grams", "duplicated_10_n_grams"};
constexpr const char* kScoreNames[kScoreCount] = {
    "gopher_rep_dup_para_frac", "gopher_rep_dup_para_char_frac", "gopher_rep_dup_line_frac",
    "gopher_rep_dup_line_char_frac", "gopher_rep_top_2_gram", "gopher_rep_top_3_gram", "gopher_rep_top_4_gram",
    "gopher_rep_dup_5_gram", "gopher_rep_dup_6_gram", "gopher_rep_dup_7_gram", "gopher_rep_dup_8_gram",
    "gopher_rep_dup_9_gram", "gopher_rep_dup_10_gram"};

std::array<double*, kScoreCount> fields_of(GopherRepetitionMeasures& m) {
  return {&m.dup_para_frac, &m.dup_para_char_frac, &m.dup_line_frac, &m.dup_line_char_frac,
          &m.top_ngram[0],  &m.top_ngram[1],        &m.top_ngram[2],  &m.dup_ngram[0],
          &m.dup_ngram[1],  &m.dup_ngram[2],        &m.dup_ngram[3],  &m.dup_ngram[4],
          &m.dup_ngram[5]};
}

}  // namespace

void GopherRepetitionFilter::measure_blocks(std::string_view text, bool paragraphs, double& frac, double& char_frac,
                                            size_t total_chars) {
  size_t blocks = 0, duplicates = 0, duplicate_chars = 0;
  counter_.reset(text.size() / 32 + 8);
  auto count = [&](std::string_view block) {
    ++blocks;
    if (counter_.add(hash64(block), static_cast<uint32_t>(blocks)).count > 1) {
      ++duplicates;
      duplicate_chars += count_chars(block);
    }
  };
  if (paragraphs) {
    // The stripped text split at runs of two or more newlines.
    size_t b = 0, e = text.size();
    while (b < e && is_blank(text[b])) ++b;
    while (e > b && is_blank(text[e - 1])) --e;
    text = text.substr(b, e - b);
    size_t start = 0;
    for (size_t sep = text.find("\n\n"); sep != std::string_view::npos; sep = text.find("\n\n", start)) {
      count(text.substr(start, sep - start));
      start = sep;
      while (start < text.size() && text[start] == '\n') ++start;
    }
    count(text.substr(start));
  } else {
    // Every newline ends a line; empty lines are not lines.
    size_t start = 0;
    while (start <= text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      if (nl > start) count(text.substr(start, nl - start));
      start = nl + 1;
    }
  }
  frac = share(duplicates, blocks);
  char_frac = share(duplicate_chars, total_chars);
}

void GopherRepetitionFilter::top_ngram(size_t window, size_t separator, size_t total_chars, double& out) {
  // The most frequent n-gram (the earliest among equals) times its length.
  const size_t grams = tokens_.size() - window + 1;
  counter_.reset(grams);
  uint32_t best_count = 0, best_first = 0;
  for (size_t i = 0; i < grams; ++i) {
    const HashCounter::Entry& e = counter_.add(gram_hash_[i], static_cast<uint32_t>(i));
    if (e.count > best_count || (e.count == best_count && e.first < best_first)) {
      best_count = e.count;
      best_first = e.first;
    }
  }
  // An n-gram seen once is no repetition: datatrove would still measure it, which in a
  // text of a dozen words flags a single 3-gram as a fifth of the text.
  if (best_count < 2) {
    out = 0;
    return;
  }
  const size_t chars = char_prefix_[best_first + window] - char_prefix_[best_first] + (window - 1) * separator;
  out = share(best_count * chars, total_chars);
}

void GopherRepetitionFilter::duplicated_ngrams(size_t window, size_t total_chars, double& out) {
  // Characters covered by n-grams seen before; a repeat skips its n tokens.
  const size_t grams = tokens_.size() - window + 1;
  counter_.reset(grams);
  size_t repeated = 0;
  for (size_t i = 0; i < grams;) {
    if (counter_.add(gram_hash_[i], static_cast<uint32_t>(i)).count > 1) {
      repeated += char_prefix_[i + window] - char_prefix_[i];
      i += window;
    } else {
      ++i;
    }
  }
  out = share(repeated, total_chars);
}

void GopherRepetitionFilter::measure_ngrams(std::string_view text, WordMode mode, size_t total_chars,
                                            GopherRepetitionMeasures& m) {
  split_words(text, mode, tokens_);
  const size_t n_tokens = tokens_.size();
  token_hash_.resize(n_tokens);
  gram_hash_.resize(n_tokens);
  char_prefix_.resize(n_tokens + 1);
  char_prefix_[0] = 0;
  for (size_t i = 0; i < n_tokens; ++i) {
    token_hash_[i] = token_hash(tokens_[i].in(text));
    gram_hash_[i] = token_hash_[i];
    char_prefix_[i + 1] = char_prefix_[i] + tokens_[i].chars;
  }
  const bool spaced = mode == WordMode::spaced;
  auto window_of = [&](size_t n) {
    return spaced ? n : static_cast<size_t>(std::ceil(static_cast<double>(n) * options_.cjk_chars_per_word));
  };
  // datatrove joins an n-gram's words with spaces when it measures the top n-gram;
  // CJK characters are joined without.
  const size_t separator = spaced ? 1 : 0;
  size_t n = 2;
  for (size_t window = 2; n <= 10 && window <= n_tokens; ++window) {
    for (size_t i = 0; i + window <= n_tokens; ++i) gram_hash_[i] = extend(gram_hash_[i], token_hash_[i + window - 1]);
    for (; n <= 10 && window_of(n) == window; ++n) {
      if (n <= 4) top_ngram(window, separator, total_chars, m.top_ngram[n - 2]);
      else duplicated_ngrams(window, total_chars, m.dup_ngram[n - 5]);
    }
    while (n <= 10 && window_of(n) < window) ++n;
  }
}

const RuleTable& gopher_repetition_rules() {
  static const RuleTable table = [] {
    RuleTable t{"gopher_repetition", {}, {}, {}, {}};
    // Each measure against the option of its own name: dup_para_frac, ..., dup_10_gram.
    for (size_t k = 0; k < kScoreCount; ++k) {
      t.measures.push_back(kScoreNames[k]);
      t.rules.push_back({kOptionNames[k], k, Rejects::above, kReasons[k]});
    }
    return t;
  }();
  return table;
}

GopherRepetitionFilter::GopherRepetitionFilter(const GopherRepetitionOptions& options, double cjk_share)
    : options_(options),
      rules_(bind_rules(gopher_repetition_rules(), &QualityOptions::gopher_repetition, options)),
      cjk_share_(cjk_share) {}

GopherRepetitionMeasures GopherRepetitionFilter::measure(std::string_view text, WordMode mode) {
  GopherRepetitionMeasures m;
  const size_t total_chars = count_chars(text);
  measure_blocks(text, true, m.dup_para_frac, m.dup_para_char_frac, total_chars);
  measure_blocks(text, false, m.dup_line_frac, m.dup_line_char_frac, total_chars);
  measure_ngrams(text, mode, total_chars, m);
  return m;
}

Verdict GopherRepetitionFilter::process(Document& doc) {
  const WordMode mode = document_language(doc, cjk_share_).words;
  // The measures depend on the text, how it splits into words and the CJK n-gram span.
  const uint64_t how = hash64(options_.cjk_chars_per_word, static_cast<uint64_t>(mode));
  const uint64_t key = measure_key(doc.text, how);
  GopherRepetitionMeasures m;
  const auto fields = fields_of(m);
  if (const Score* found = find_measures(doc, name(), key, kScoreCount)) {
    for (size_t k = 0; k < kScoreCount; ++k) *fields[k] = found[k].number;
  } else {
    m = measure(doc.text, mode);
    Score* out = store_measures(doc, name(), key, kScoreCount);
    for (size_t k = 0; k < kScoreCount; ++k) out[k].number = *fields[k];
  }
  double values[kScoreCount];
  for (size_t k = 0; k < kScoreCount; ++k) {
    doc.set_score(kScoreNames[k], *fields[k]);
    values[k] = *fields[k];
  }
  return rules_.decide(values, [](size_t) { return true; });
}

std::optional<Verdict> GopherRepetitionFilter::decide_on_measures(const Document& doc) const {
  const Score* found = stored_measures(doc, name(), kScoreCount);
  if (!found) return std::nullopt;
  double values[kScoreCount];
  for (size_t k = 0; k < kScoreCount; ++k) values[k] = found[k].number;
  return rules_.decide(values, [](size_t) { return true; });
}

}  // namespace mucpt
