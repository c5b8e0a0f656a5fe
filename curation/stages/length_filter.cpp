#include "curation/stages/length_filter.h"

#include <cstring>

namespace mucpt {

uint64_t count_characters(const std::string& utf8) {
  // Characters are the bytes that are not continuation bytes (10xxxxxx); 8 at a time.
  constexpr uint64_t highs = 0x8080808080808080ULL;
  uint64_t continuation = 0;
  size_t i = 0;
  for (; i + 8 <= utf8.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, utf8.data() + i, 8);
    continuation += static_cast<uint64_t>(__builtin_popcountll(w & ~(w << 1) & highs));
  }
  for (; i < utf8.size(); ++i) continuation += (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80;
  return utf8.size() - continuation;
}

Verdict LengthFilter::process(Document& doc) {
  uint64_t chars = count_characters(doc.text);
  if (chars < min_chars_) return Verdict::rejected(chars == 0 ? "empty_text" : "too_short");
  if (max_chars_ > 0 && chars > max_chars_) return Verdict::rejected("too_long");
  return Verdict::kept();
}

}  // namespace mucpt
