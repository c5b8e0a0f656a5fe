#include "curation/quality/fineweb_filter.h"

#include "common/hashing.h"
#include "common/measure_cache.h"
#include "curation/quality/char_class.h"
#include "curation/quality/document_language.h"
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

Verdict FineWebFilter::verdict_of(const Measures& m) const {
  const FineWebOptions& o = options_;
  const bool prose = !m.list;
  if (prose && o.line_punct_min > 0 && m.punct_share <= o.line_punct_min &&
      !(m.punct_share == 0 && o.line_punct_exclude_zero))
    return Verdict::rejected("line_punct_ratio");
  if (prose && o.short_line_share > 0 && m.short_share >= o.short_line_share) return Verdict::rejected("short_line_ratio");
  if (o.char_dup_share > 0 && m.dup_share >= o.char_dup_share) return Verdict::rejected("char_dup_ratio");
  if (prose && o.newline_word_ratio > 0 && m.newline_ratio > o.newline_word_ratio) return Verdict::rejected("list_ratio");
  return Verdict::kept();
}

std::optional<Verdict> FineWebFilter::decide_on_measures(const Document& doc) const {
  const Score* found = stored_measures(doc, name(), 5);
  if (!found) return std::nullopt;
  return verdict_of({found[0].number, found[1].number, found[2].number, found[3].number, found[4].number != 0});
}

}  // namespace mucpt
