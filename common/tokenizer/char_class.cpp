#include "common/tokenizer/char_class.h"

#include <utf8proc.h>

#include <vector>

#include "common/unicode.h"

namespace mucpt {

CharClass classify_code_point(char32_t cp) {
  if (cp < 0x80) return detail::kAsciiClasses[cp];
  if (cp == 0x85) return CharClass::space;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: return CharClass::letter;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return CharClass::number;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return CharClass::space;
    default: return CharClass::other;
  }
}

namespace detail {

namespace {
// The Basic Multilingual Plane in a table: one lookup instead of utf8proc's two-stage
// search for the characters that most text uses.
const std::vector<CharClass>& bmp_classes() {
  static const std::vector<CharClass> table = [] {
    std::vector<CharClass> t(0x10000);
    for (char32_t cp = 0; cp < 0x10000; ++cp) t[cp] = classify_code_point(cp);
    return t;
  }();
  return table;
}
}  // namespace

CharInfo char_info_non_ascii(const unsigned char* p, size_t available) {
  size_t len = utf8_sequence_length(reinterpret_cast<const char*>(p), available);
  char32_t cp;
  switch (len) {
    case 2: cp = (char32_t(p[0] & 0x1F) << 6) | (p[1] & 0x3F); break;
    case 3: cp = (char32_t(p[0] & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F); break;
    case 4:
      cp = (char32_t(p[0] & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) | (char32_t(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
      break;
    default: return {CharClass::other, 1};
  }
  CharClass cls = cp < 0x10000 ? bmp_classes()[cp] : classify_code_point(cp);
  return {cls, static_cast<uint8_t>(len)};
}

}  // namespace detail
}  // namespace mucpt
