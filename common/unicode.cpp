#include "common/unicode.h"

#include <simdjson.h>
#include <utf8proc.h>

#include <cstdlib>
#include <vector>

namespace mucpt {

bool is_cjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||  // Han
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||  // kana
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) ||
         cp == 0x3005;  // the iteration mark
}

size_t utf8_sequence_length(const char* p, size_t available) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  if (available == 0) return 0;
  unsigned char c = u[0];
  if (c < 0x80) return 1;
  auto cont = [&](size_t k) { return k < available && (u[k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && u[1] < 0xA0) return 0;  // overlong
    if (c == 0xED && u[1] > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && u[1] < 0x90) return 0;  // overlong
    if (c == 0xF4 && u[1] > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

bool is_valid_utf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t len = utf8_sequence_length(s.data() + i, s.size() - i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.data() + i, len);
      i += len;
    }
  }
  return out;
}

char32_t next_code_point(std::string_view s, size_t& i) {
  utf8proc_int32_t cp = 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                            static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
  if (n <= 0) {  // not expected on validated text; step one byte
    ++i;
    return 0xFFFD;
  }
  i += static_cast<size_t>(n);
  return static_cast<char32_t>(cp);
}

void append_utf8(std::string& out, char32_t cp) {
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

namespace {
// Starters (combining class 0) that can still compose with the character before them:
// Hangul vowel and trailing jamo and a few Indic and Myanmar vowel signs.
bool composes_with_previous(char32_t cp) {
  return (cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2) || cp == 0x0B3E || cp == 0x0B56 ||
         cp == 0x0B57 || cp == 0x0BBE || cp == 0x0BD7 || cp == 0x0CC2 || cp == 0x0CD5 || cp == 0x0CD6 ||
         cp == 0x0D3E || cp == 0x0D57 || cp == 0x0DCF || cp == 0x0DDF || cp == 0x102E || cp == 0x1B35 ||
         cp == 0x11127 || cp == 0x1133E || cp == 0x11357 || cp == 0x114B0 ||
         cp == 0x114BA || cp == 0x114BD || cp == 0x115AF;
}

// A character is NFC-stable when it has no combining class, no canonical
// decomposition, and does not compose with its predecessor.
bool nfc_stable(char32_t cp) {
  const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  if (p->combining_class != 0) return false;
  if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) return false;
  return !composes_with_previous(cp);
}

const std::vector<bool>& bmp_nfc_stable() {
  static const std::vector<bool> table = [] {
    std::vector<bool> t(0x10000);
    for (char32_t cp = 0; cp < 0x10000; ++cp) t[cp] = nfc_stable(cp);
    return t;
  }();
  return table;
}
}  // namespace

bool is_nfc_quick(std::string_view s) {
  // Below U+0300 every character is stable, so only lead bytes from 0xCC need a look.
  const auto& stable = bmp_nfc_stable();
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0xCC) {
      ++i;
      continue;
    }
    char32_t cp = next_code_point(s, i);
    if (!(cp < 0x10000 ? stable[cp] : nfc_stable(cp))) return false;
  }
  return true;
}

bool nfc_normalize(std::string_view in, std::string& out) {
  utf8proc_uint8_t* result = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(in.data()),
                        static_cast<utf8proc_ssize_t>(in.size()), &result,
                        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return false;
  out.assign(reinterpret_cast<const char*>(result), static_cast<size_t>(n));
  std::free(result);
  return true;
}

}  // namespace mucpt
