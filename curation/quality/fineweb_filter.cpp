#include "curation/quality/fineweb_filter.h"

#include "common/hashing.h"
#include "common/measure_cache.h"
#include "curation/quality/char_class.h"
#include "curation/quality/document_language.h"
#include "curation/quality/quality_stages.h"
#include "curation/quality/text_lines.h"

namespace mucpt {

namespace {
double share(size_t part, size_t whole) { return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0; }
}  // namespace

FineWebFilter::Measures FineWebFilter::measure(std::string_view text, WordMode mode) {
  const FineWebOptions& o = options_;
  size_t lines = 0, punct_lines = 0, short_lines = 0, dup_chars = 0, chars = 0;
  counter_.reset(text.size() / 32 + 8);
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    start = nl + 1;
    const size_t line_chars = count_chars(line);
    chars += line_chars;
    if (trim_blanks(line).empty()) continue;
    ++lines;
    punct_lines += ends_with_terminal_punct(line) || holds_sentence_end(line);
    short_lines += static_cast<int64_t>(line_chars) <= o.short_line_max_chars;
    if (counter_.add(hash64(line), static_cast<uint32_t>(lines)).count > 1) dup_chars += line_chars;
  }
  split_words(text, mode, tokens_);
  const size_t breaks = lines > 0 ? lines - 1 : 0;
  Measures m;
  m.punct_share = share(punct_lines, lines);  // 0 exactly when no line is punctuated
  m.short_share = share(short_lines, lines);
  m.dup_share = share(dup_chars, chars);
  m.newline_ratio = share(breaks, tokens_.size());
  m.list = text_shape(text, shape_).list;
  return m;
}

Verdict FineWebFilter::process(Document& doc) {
  const WordMode mode = document_language(doc, cjk_share_).words;
  // The measures depend on the text, its word splitting, the short-line width and the shape rules.
  const uint64_t key = measure_key(doc.text, hash64(static_cast<int64_t>(mode), options_hash_));
  Measures m;
  if (const Score* found = find_measures(doc, name(), key, 5)) {
    m = {found[0].number, found[1].number, found[2].number, found[3].number, found[4].number != 0};
  } else {
    m = measure(doc.text, mode);
    Score* out = store_measures(doc, name(), key, 5);
    out[0].number = m.punct_share;
    out[1].number = m.short_share;
    out[2].number = m.dup_share;
    out[3].number = m.newline_ratio;
    out[4].number = m.list ? 1.0 : 0.0;
  }
  doc.set_score("fineweb_line_punct", m.punct_share);
  doc.set_score("fineweb_short_lines", m.short_share);
  doc.set_score("fineweb_char_dup", m.dup_share);
  doc.set_score("fineweb_newline_ratio", m.newline_ratio);

  return verdict_of(m);
}

namespace {

enum Condition : size_t { kProsePunctuated = 1, kProse };

}  // namespace

const RuleTable& fineweb_rules() {
  static const RuleTable table{
      "fineweb",
      {"fineweb_line_punct", "fineweb_short_lines", "fineweb_char_dup", "fineweb_newline_ratio", "list_shape"},
      {{"fineweb.line_punct_min", 0, Rejects::at_most, "line_punct_ratio", kProsePunctuated},
       {"fineweb.short_line_share", 1, Rejects::at_least, "short_line_ratio", kProse},
       {"fineweb.char_dup_share", 2, Rejects::at_least, "char_dup_ratio"},
       {"fineweb.newline_word_ratio", 3, Rejects::above, "list_ratio", kProse}},
      {"text not shaped as a list (with line_punct_exclude_zero: and with a punctuated line)",
       "text not shaped as a list"},
      {"fineweb.line_punct_exclude_zero"}};
  return table;
}

FineWebFilter::FineWebFilter(const FineWebOptions& options, const ShapeOptions& shape, double cjk_share)
    : options_(options),
      rules_(bind_rules(fineweb_rules(), &QualityOptions::fineweb, options)),
      shape_(shape),
      cjk_share_(cjk_share),
      options_hash_(hash64(options.short_line_max_chars, shape_options_hash(shape))) {}

Verdict FineWebFilter::verdict_of(const Measures& m) const {
  const double values[] = {m.punct_share, m.short_share, m.dup_share, m.newline_ratio, m.list ? 1.0 : 0.0};
  return rules_.decide(values, [&](size_t condition) {
    // No punctuated line at all passes the punctuation rule when line_punct_exclude_zero is set.
    if (condition == kProsePunctuated) return !m.list && !(m.punct_share == 0 && options_.line_punct_exclude_zero);
    return !m.list;
  });
}

std::optional<Verdict> FineWebFilter::decide_on_measures(const Document& doc) const {
  const Score* found = stored_measures(doc, name(), 5);
  if (!found) return std::nullopt;
  return verdict_of({found[0].number, found[1].number, found[2].number, found[3].number, found[4].number != 0});
}

}  // namespace mucpt
