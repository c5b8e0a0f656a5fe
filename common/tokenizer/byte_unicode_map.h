#pragma once
// GPT-2's byte-to-unicode map: byte-level BPE vocabularies spell every byte as one
// printable code point (space is "Ġ", newline "Ċ"), so tokens are plain strings
// without control characters or spaces.
#include <cstdint>
#include <string>
#include <string_view>

namespace mucpt {

// The code point that stands for byte b.
char32_t byte_to_unicode(uint8_t b);

// UTF-8 of byte_to_unicode(b) (one or two bytes).
std::string_view byte_to_unicode_utf8(uint8_t b);

// The byte a code point stands for, or -1 when it stands for none.
int unicode_to_byte(char32_t cp);

// Raw bytes spelled in the byte-level alphabet.
std::string bytes_to_byte_level(std::string_view bytes);

// Byte-level spelling back to raw bytes; false (out unspecified) when a character is
// not in the alphabet or the text is not valid UTF-8.
bool byte_level_to_bytes(std::string_view token, std::string& out);

}  // namespace mucpt
