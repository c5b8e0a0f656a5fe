#pragma once
// Character classes that the pre-tokenizer patterns test: \p{L}, \p{N}, \s (with CR and
// LF apart, since the Qwen2 pattern treats them specially) and everything else. \s is
// Oniguruma's, as Hugging Face tokenizers use it: U+0009-000D, U+0085 and the Zs, Zl,
// Zp categories. Letters and numbers come from utf8proc's general categories.
#include <array>
#include <cstddef>
#include <cstdint>

namespace mucpt {

enum class CharClass : uint8_t { other, letter, number, space, newline };

struct CharInfo {
  CharClass cls;
  uint8_t len;  // bytes; an invalid UTF-8 byte is one "other" character
};

CharClass classify_code_point(char32_t cp);

namespace detail {
constexpr std::array<CharClass, 128> make_ascii_classes() {
  std::array<CharClass, 128> t{};
  for (int c = 0; c < 128; ++c) {
    CharClass k = CharClass::other;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      k = CharClass::letter;
    else if (c >= '0' && c <= '9')
      k = CharClass::number;
    else if (c == '\r' || c == '\n')
      k = CharClass::newline;
    else if (c == ' ' || c == '\t' || c == '\v' || c == '\f')
      k = CharClass::space;
    t[c] = k;
  }
  return t;
}
inline constexpr std::array<CharClass, 128> kAsciiClasses = make_ascii_classes();

CharInfo char_info_non_ascii(const unsigned char* p, size_t available);
}  // namespace detail

// The class and length of the character starting at p (available > 0).
inline CharInfo char_info(const char* p, size_t available) {
  auto c = static_cast<unsigned char>(*p);
  if (c < 0x80) return {detail::kAsciiClasses[c], 1};
  return detail::char_info_non_ascii(reinterpret_cast<const unsigned char*>(p), available);
}

}  // namespace mucpt
