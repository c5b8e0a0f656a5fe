#pragma once
// Character classes the quality rules share: spaces, letters, digits, punctuation and
// the CJK characters that count one word each. ASCII comes from a table inline;
// everything else from utf8proc's general categories.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mucpt {

enum class CharClass : uint8_t {
  space,    // ASCII whitespace and Unicode Z* separators
  letter,   // L* (letters of alphabetic scripts, Hangul)
  cjk,      // Han ideographs, hiragana and katakana: one word per character in CJK text
  digit,    // N*
  mark,     // M* (combining marks belong to the word they follow)
  punct,    // P* and S*: punctuation and symbols
  other,    // controls, unassigned, private use
};

extern const std::array<CharClass, 128> kAsciiClass;

CharClass non_ascii_class(char32_t cp);

inline CharClass char_class(char32_t cp) { return cp < 0x80 ? kAsciiClass[cp] : non_ascii_class(cp); }

// Decodes a multi-byte sequence at s[i] and advances i; an invalid one is taken as
// U+FFFD of one byte.
char32_t decode_multibyte(std::string_view s, size_t& i);

// Decodes the code point at s[i] and advances i, also on invalid UTF-8, so the rules
// never stop on a bad byte.
inline char32_t decode_at(std::string_view s, size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  return decode_multibyte(s, i);
}

// Counts code points (lead bytes), the unit of every character measure.
size_t count_chars(std::string_view s);

// Display columns: 2 for wide (CJK, full-width) characters, else 1.
int char_columns(char32_t cp);

}  // namespace mucpt
