#include "common/tokenizer/byte_unicode_map.h"

#include <array>

#include "common/unicode.h"

namespace mucpt {

namespace {

struct ByteMap {
  std::array<char32_t, 256> code{};
  std::array<std::string, 256> utf8;
  // Every mapped code point is below U+0144.
  std::array<int16_t, 0x144> byte_of{};

  ByteMap() {
    byte_of.fill(-1);
    // Printable Latin-1 bytes keep their own code point; the others (controls, space,
    // DEL, NBSP, soft hyphen) take U+0100 upwards in byte order.
    auto printable = [](int b) {
      return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    };
    char32_t next = 256;
    for (int b = 0; b < 256; ++b) {
      code[b] = printable(b) ? static_cast<char32_t>(b) : next++;
      append_utf8(utf8[b], code[b]);
      byte_of[code[b]] = static_cast<int16_t>(b);
    }
  }
};

const ByteMap& byte_map() {
  static const ByteMap map;
  return map;
}

}  // namespace

char32_t byte_to_unicode(uint8_t b) { return byte_map().code[b]; }

std::string_view byte_to_unicode_utf8(uint8_t b) { return byte_map().utf8[b]; }

int unicode_to_byte(char32_t cp) { return cp < 0x144 ? byte_map().byte_of[cp] : -1; }

std::string bytes_to_byte_level(std::string_view bytes) {
  const ByteMap& map = byte_map();
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) out += map.utf8[b];
  return out;
}

bool byte_level_to_bytes(std::string_view token, std::string& out) {
  out.clear();
  size_t i = 0;
  while (i < token.size()) {
    if (utf8_sequence_length(token.data() + i, token.size() - i) == 0) return false;
    int b = unicode_to_byte(next_code_point(token, i));
    if (b < 0) return false;
    out.push_back(static_cast<char>(b));
  }
  return true;
}

}  // namespace mucpt
