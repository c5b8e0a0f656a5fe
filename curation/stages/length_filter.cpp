#include "curation/stages/length_filter.h"

namespace mucpt {

uint64_t count_characters(const std::string& utf8) {
  uint64_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;  // count lead bytes only
  return n;
}

Verdict LengthFilter::process(Document& doc) {
  uint64_t chars = count_characters(doc.text);
  if (chars < min_chars_) return Verdict::rejected(chars == 0 ? "empty_text" : "too_short");
  if (max_chars_ > 0 && chars > max_chars_) return Verdict::rejected("too_long");
  return Verdict::kept();
}

}  // namespace mucpt
