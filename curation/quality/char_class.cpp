#include "curation/quality/char_class.h"

#include <utf8proc.h>

#include "common/unicode.h"

namespace mucpt {

namespace {

constexpr std::array<CharClass, 128> make_ascii_table() {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') t[c] = CharClass::space;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) t[c] = CharClass::letter;
    else if (c >= '0' && c <= '9') t[c] = CharClass::digit;
    else if (c < 0x20 || c == 0x7F) t[c] = CharClass::other;
    else t[c] = CharClass::punct;
  }
  return t;
}

}  // namespace

const std::array<CharClass, 128> kAsciiClass = make_ascii_table();

CharClass non_ascii_class(char32_t cp) {
  if (is_cjk(cp)) return CharClass::cjk;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: return CharClass::letter;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return CharClass::mark;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return CharClass::digit;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO: return CharClass::punct;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return CharClass::space;
    default: return CharClass::other;
  }
}

char32_t decode_multibyte(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const size_t len = utf8_sequence_length(s.data() + i, s.size() - i);
  const auto byte = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
  char32_t cp;
  switch (len) {
    case 2: cp = (static_cast<char32_t>(c & 0x1F) << 6) | byte(1); break;
    case 3: cp = (static_cast<char32_t>(c & 0x0F) << 12) | (byte(1) << 6) | byte(2); break;
    case 4: cp = (static_cast<char32_t>(c & 0x07) << 18) | (byte(1) << 12) | (byte(2) << 6) | byte(3); break;
    default: ++i; return 0xFFFD;
  }
  i += len;
  return cp;
}

size_t count_chars(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

int char_columns(char32_t cp) {
  if (cp < 0x80) return 1;
  return utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp)) >= 2 ? 2 : 1;
}

}  // namespace mucpt
