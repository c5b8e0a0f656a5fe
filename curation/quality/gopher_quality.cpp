#include "curation/quality/gopher_quality.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/hashing.h"
#include "common/measure_cache.h"
#include "curation/quality/text_lines.h"

namespace mucpt {

namespace {

// Non-overlapping "..." (as Python's str.count counts them) plus "…".
size_t count_ellipses(std::string_view text) {
  size_t n = 0;
  for (size_t i = text.find('.'); i != std::string_view::npos; i = text.find('.', i)) {
    size_t run = 0;
    while (i < text.size() && text[i] == '.') ++run, ++i;
    n += run / 3;
  }
  for (size_t at = text.find("\xE2\x80\xA6"); at != std::string_view::npos; at = text.find("\xE2\x80\xA6", at + 3)) ++n;
  return n;
}

constexpr std::string_view kBullets[] = {"-", "*", "\xE2\x80\xA2", "\xE2\x97\x8F", "\xE2\x97\xA6",
                                         "\xE2\x96\xAA", "\xE2\x80\xA3"};  // - * • ● ◦ ▪ ‣

bool starts_with_bullet(std::string_view line) {
  if (line[0] == '-' || line[0] == '*') return true;
  if (static_cast<unsigned char>(line[0]) != 0xE2) return false;
  for (std::string_view b : kBullets)
    if (line.compare(0, b.size(), b) == 0) return true;
  return false;
}

double share(size_t part, size_t whole) { return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0; }

}  // namespace

GopherQualityMeasures GopherQualityFilter::measure(std::string_view text, const LanguageView& lang) {
  GopherQualityMeasures m;
  split_words(text, lang.words, tokens_);
  size_t word_chars = 0, alpha = 0, standalone_symbols = 0;
  for (const Token& t : tokens_) {
    if (t.punct) {
      standalone_symbols += t.standalone;
      continue;
    }
    ++m.words;
    word_chars += t.chars;
    alpha += t.alpha;
  }
  // Ratios "per word" count words as whitespace separates them: a lone "-" or "|" is a
  // word without a letter, a comma after a word is not a word at all.
  const size_t spaced_words = m.words + standalone_symbols;
  m.mean_word_length = share(word_chars, m.words);
  m.hash_ratio = share(static_cast<size_t>(std::count(text.begin(), text.end(), '#')), spaced_words);
  m.ellipsis_ratio = share(count_ellipses(text), spaced_words);
  m.alpha_words = share(alpha, spaced_words);
  m.stop_words = count_stop_words(text, tokens_, lang.stop_words);

  size_t lines = 0, bullets = 0, ellipses = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = trim_blanks(text.substr(start, nl - start));
    start = nl + 1;
    if (line.empty()) continue;
    ++lines;
    bullets += starts_with_bullet(line);
    ellipses += ends_with_ellipsis(line);
  }
  m.bullet_lines = share(bullets, lines);
  m.ellipsis_lines = share(ellipses, lines);
  m.bullet_count = bullets;
  m.ellipsis_count = ellipses;
  return m;
}

namespace {

// Stored per document: the 8 measures, the list shape, the flagged line counts and the
// language the rules read the text in.
constexpr size_t kStored = 13;

struct Stored {
  GopherQualityMeasures m;
  bool list = false;
  LanguageView lang;
};

Stored from_stored(const Score* found) {
  Stored s;
  GopherQualityMeasures& m = s.m;
  m.words = static_cast<size_t>(found[0].number);
  m.mean_word_length = found[1].number;
  m.hash_ratio = found[2].number;
  m.ellipsis_ratio = found[3].number;
  m.bullet_lines = found[4].number;
  m.ellipsis_lines = found[5].number;
  m.alpha_words = found[6].number;
  m.stop_words = static_cast<size_t>(found[7].number);
  s.list = found[8].number != 0;
  m.bullet_count = static_cast<size_t>(found[9].number);
  m.ellipsis_count = static_cast<size_t>(found[10].number);
  s.lang.words = static_cast<WordMode>(static_cast<int>(found[11].number));
  s.lang.stop_words = static_cast<StopList>(static_cast<int>(found[12].number));
  return s;
}

void to_stored(const Stored& s, Score* out) {
  const GopherQualityMeasures& m = s.m;
  const double values[kStored] = {static_cast<double>(m.words),
                                  m.mean_word_length,
                                  m.hash_ratio,
                                  m.ellipsis_ratio,
                                  m.bullet_lines,
                                  m.ellipsis_lines,
                                  m.alpha_words,
                                  static_cast<double>(m.stop_words),
                                  s.list ? 1.0 : 0.0,
                                  static_cast<double>(m.bullet_count),
                                  static_cast<double>(m.ellipsis_count),
                                  static_cast<double>(static_cast<int>(s.lang.words)),
                                  static_cast<double>(static_cast<int>(s.lang.stop_words))};
  for (size_t k = 0; k < kStored; ++k) out[k].number = values[k];
}

Verdict verdict_of(const GopherQualityOptions& o, const Stored& s) {
  const GopherQualityMeasures& m = s.m;
  const auto words = static_cast<int64_t>(m.words);
  if (o.min_words > 0 && words < o.min_words) return Verdict::rejected("short_doc");
  if (o.max_words > 0 && words > o.max_words) return Verdict::rejected("long_doc");
  if (!s.lang.cjk()) {
    if (o.min_mean_word_length > 0 && m.mean_word_length < o.min_mean_word_length)
      return Verdict::rejected("below_avg_word_length");
    if (o.max_mean_word_length > 0 && m.mean_word_length > o.max_mean_word_length)
      return Verdict::rejected("above_avg_word_length");
  }
  if (o.max_symbol_word_ratio > 0 && m.hash_ratio > o.max_symbol_word_ratio) return Verdict::rejected("too_many_hashes");
  if (o.max_symbol_word_ratio > 0 && m.ellipsis_ratio > o.max_symbol_word_ratio)
    return Verdict::rejected("too_many_ellipsis");
  const auto supported = [&](size_t flagged) { return static_cast<int64_t>(flagged) >= o.min_flagged_lines; };
  if (o.max_bullet_lines > 0 && m.bullet_lines > o.max_bullet_lines && supported(m.bullet_count))
    return Verdict::rejected("too_many_bullets");
  if (o.max_ellipsis_lines > 0 && m.ellipsis_lines > o.max_ellipsis_lines && supported(m.ellipsis_count))
    return Verdict::rejected("too_many_end_ellipsis");
  if (s.list) return Verdict::kept();
  if (o.min_alpha_words > 0 && m.alpha_words < o.min_alpha_words) return Verdict::rejected("below_alpha_threshold");
  if (o.min_stop_words > 0 && s.lang.stop_words != StopList::none &&
      static_cast<int64_t>(m.stop_words) < o.min_stop_words)
    return Verdict::rejected("not_enough_stop_words");
  return Verdict::kept();
}

}  // namespace

Verdict GopherQualityFilter::process(Document& doc) {
  const LanguageView lang = document_language(doc, cjk_share_);
  // The measures depend on the text, its words and stop words, and the shape rules.
  const uint64_t how =
      hash64(static_cast<int64_t>(lang.words), hash64(static_cast<int64_t>(lang.stop_words), shape_hash_));
  const uint64_t key = measure_key(doc.text, how);
  Stored s;
  if (const Score* found = find_measures(doc, name(), key, kStored)) {
    s = from_stored(found);
  } else {
    s.m = measure(doc.text, lang);
    s.list = text_shape(doc.text, shape_).list;
    s.lang = lang;
    to_stored(s, store_measures(doc, name(), key, kStored));
  }
  const GopherQualityMeasures& m = s.m;
  list_docs_ += s.list;
  cjk_docs_ += lang.cjk();
  doc.set_score("gopher_words", static_cast<double>(m.words));
  doc.set_score("gopher_mean_word_length", m.mean_word_length);
  doc.set_score("gopher_hash_ratio", m.hash_ratio);
  doc.set_score("gopher_ellipsis_ratio", m.ellipsis_ratio);
  doc.set_score("gopher_bullet_lines", m.bullet_lines);
  doc.set_score("gopher_ellipsis_lines", m.ellipsis_lines);
  doc.set_score("gopher_alpha_words", m.alpha_words);
  doc.set_score("gopher_stop_words", static_cast<double>(m.stop_words));
  doc.set_score("list_shape", s.list ? 1.0 : 0.0);
  return verdict_of(options_, s);
}

std::optional<Verdict> GopherQualityFilter::decide_on_measures(const Document& doc) const {
  const Score* found = stored_measures(doc, name(), kStored);
  if (!found) return std::nullopt;
  return verdict_of(options_, from_stored(found));
}

void GopherQualityFilter::write_counters(nlohmann::json& out) const {
  out["list_structured_docs"] = list_docs_;
  out["cjk_docs"] = cjk_docs_;
}

}  // namespace mucpt
