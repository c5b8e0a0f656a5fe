#pragma once
// UTF-8 validation, repair and normalisation. Validation uses simdjson's SIMD
// validator; normalisation and character categories use utf8proc.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mucpt {

// Length of the well-formed UTF-8 sequence at p (1-4), or 0 when the bytes there are
// not one (overlong, surrogate, truncated, out of range).
size_t utf8_sequence_length(const char* p, size_t available);

bool is_valid_utf8(std::string_view s);

// Replaces each byte that is not part of a well-formed sequence with U+FFFD.
std::string repair_utf8(std::string_view s);

// Decodes the code point at s[i] and advances i; s must be valid UTF-8.
char32_t next_code_point(std::string_view s, size_t& i);
void append_utf8(std::string& out, char32_t cp);

// Han ideographs and Japanese kana: scripts written without spaces between words, so
// text processing takes each such character as a word of its own.
bool is_cjk(char32_t cp);

// Unicode NFC of valid UTF-8 text. Returns false (leaving out untouched) when
// utf8proc rejects the input.
bool nfc_normalize(std::string_view in, std::string& out);

// True when s is already NFC; a fast check that lets most documents skip the copy.
bool is_nfc_quick(std::string_view s);

}  // namespace mucpt
