#include "curation/quality/fineweb_filter.h"

#include "common/hashing.h"
#include "curation/quality/char_class.h"
#include "curation/quality/document_language.h"
#include "curation/quality/text_lines.h"

namespace mucpt {

namespace {
double share(size_t part, size_t whole) { return whole ? static_cast<double>(part) / static_cast<double>(whole) : 0.0; }
}  // namespace

Verdict FineWebFilter::process(Document& doc) {
  const FineWebOptions& o = options_;
  std::string_view text = doc.text;
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
  split_words(text, document_language(doc, cjk_share_).words, tokens_);
  const size_t breaks = lines > 0 ? lines - 1 : 0;

  const double punct_share = share(punct_lines, lines);
  const double short_share = share(short_lines, lines);
  const double dup_share = share(dup_chars, chars);
  const double newline_ratio = share(breaks, tokens_.size());
  doc.set_score("fineweb_line_punct", punct_share);
  doc.set_score("fineweb_short_lines", short_share);
  doc.set_score("fineweb_char_dup", dup_share);
  doc.set_score("fineweb_newline_ratio", newline_ratio);

  const bool prose = !text_shape(text, shape_).list;
  if (prose && o.line_punct_min > 0 && punct_share <= o.line_punct_min &&
      !(punct_lines == 0 && o.line_punct_exclude_zero))
    return Verdict::rejected("line_punct_ratio");
  if (prose && o.short_line_share > 0 && short_share >= o.short_line_share) return Verdict::rejected("short_line_ratio");
  if (o.char_dup_share > 0 && dup_share >= o.char_dup_share) return Verdict::rejected("char_dup_ratio");
  if (prose && o.newline_word_ratio > 0 && newline_ratio > o.newline_word_ratio) return Verdict::rejected("list_ratio");
  return Verdict::kept();
}

}  // namespace mucpt
