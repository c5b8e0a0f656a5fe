#include "curation/quality/gopher_quality.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/hashing.h"
#include "common/measure_cache.h"
#include "curation/quality/quality_stages.h"
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

// Datatrove counts lines starting with • or -, as a share of all lines, blank ones
// included. Here the other common bullet glyphs count too, and the share is of
// non-blank lines: the cleaner leaves a blank line between paragraphs, which would
// halve every share.
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

GopherQualityFilter::GopherQualityFilter(const GopherQualityOptions& options, const ShapeOptions& shape,
                                         double cjk_share)
    : options_(options),
      rules_(bind_rules(gopher_quality_rules(), &QualityOptions::gopher_quality, options)),
      shape_(shape),
      cjk_share_(cjk_share),
      shape_hash_(shape_options_hash(shape)) {}

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

void stored_values(const Stored& s, double* values) {
  const GopherQualityMeasures& m = s.m;
  const double all[kStored] = {static_cast<double>(m.words),
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
  std::copy(all, all + kStored, values);
}

// Where the rules' conditions look in the stored measures.
enum Measure : size_t { kListShape = 8, kBulletCount = 9, kEllipsisCount = 10, kWordMode = 11, kStopList = 12 };
enum Condition : size_t { kNotCjk = 1, kBulletsSupported, kEllipsesSupported, kNotList, kNotListWithStopWords };

}  // namespace

const RuleTable& gopher_quality_rules() {
  static const RuleTable table{
      "gopher_quality",
      {"gopher_words", "gopher_mean_word_length", "gopher_hash_ratio", "gopher_ellipsis_ratio", "gopher_bullet_lines",
       "gopher_ellipsis_lines", "gopher_alpha_words", "gopher_stop_words", "list_shape", "bullet line count",
       "ellipsis line count", "word mode", "stop-word list"},
      {{"gopher_quality.min_words", 0, Rejects::below, "short_doc"},
       {"gopher_quality.max_words", 0, Rejects::above, "long_doc"},
       {"gopher_quality.min_mean_word_length", 1, Rejects::below, "below_avg_word_length", kNotCjk},
       {"gopher_quality.max_mean_word_length", 1, Rejects::above, "above_avg_word_length", kNotCjk},
       {"gopher_quality.max_symbol_word_ratio", 2, Rejects::above, "too_many_hashes"},
       {"gopher_quality.max_symbol_word_ratio", 3, Rejects::above, "too_many_ellipsis"},
       {"gopher_quality.max_bullet_lines", 4, Rejects::above, "too_many_bullets", kBulletsSupported},
       {"gopher_quality.max_ellipsis_lines", 5, Rejects::above, "too_many_end_ellipsis", kEllipsesSupported},
       {"gopher_quality.min_alpha_words", 6, Rejects::below, "below_alpha_threshold", kNotList},
       {"gopher_quality.min_stop_words", 7, Rejects::below, "not_enough_stop_words", kNotListWithStopWords}},
      {"text not read as CJK characters", "at least min_flagged_lines bullet lines",
       "at least min_flagged_lines ellipsis lines", "text not shaped as a list",
       "text not shaped as a list, in a language with a stop-word list"},
      {"gopher_quality.min_flagged_lines"}};
  return table;
}

Verdict GopherQualityFilter::verdict_of(const double* v) const {
  const auto supported = [&](size_t count) { return v[count] >= static_cast<double>(options_.min_flagged_lines); };
  const bool list = v[kListShape] != 0;
  return rules_.decide(v, [&](size_t condition) {
    switch (condition) {
      case kNotCjk: return static_cast<WordMode>(static_cast<int>(v[kWordMode])) != WordMode::cjk_chars;
      case kBulletsSupported: return supported(kBulletCount);
      case kEllipsesSupported: return supported(kEllipsisCount);
      case kNotList: return !list;
      case kNotListWithStopWords: return !list && static_cast<StopList>(static_cast<int>(v[kStopList])) != StopList::none;
    }
    return true;
  });
}

Verdict GopherQualityFilter::process(Document& doc) {
  const LanguageView lang = document_language(doc, cjk_share_);
  // The measures depend on the text, its words and stop words, and the shape rules (and
  // on how stop words are counted: 2, each word of the list once).
  constexpr int64_t kStopWordCounting = 2;
  const uint64_t how = hash64(static_cast<int64_t>(lang.words),
                              hash64(static_cast<int64_t>(lang.stop_words), hash64(kStopWordCounting, shape_hash_)));
  const uint64_t key = measure_key(doc.text, how);
  Stored s;
  double values[kStored];
  if (const Score* found = find_measures(doc, name(), key, kStored)) {
    s = from_stored(found);
    for (size_t k = 0; k < kStored; ++k) values[k] = found[k].number;
  } else {
    s.m = measure(doc.text, lang);
    s.list = text_shape(doc.text, shape_).list;
    s.lang = lang;
    stored_values(s, values);
    Score* out = store_measures(doc, name(), key, kStored);
    for (size_t k = 0; k < kStored; ++k) out[k].number = values[k];
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
  return verdict_of(values);
}

std::optional<Verdict> GopherQualityFilter::decide_on_measures(const Document& doc) const {
  const Score* found = stored_measures(doc, name(), kStored);
  if (!found) return std::nullopt;
  double values[kStored];
  for (size_t k = 0; k < kStored; ++k) values[k] = found[k].number;
  return verdict_of(values);
}

void GopherQualityFilter::write_counters(nlohmann::json& out) const {
  out["list_structured_docs"] = list_docs_;
  out["cjk_docs"] = cjk_docs_;
}

}  // namespace mucpt
