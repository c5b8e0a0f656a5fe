#include "common/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "common/unicode.h"

namespace mucpt {

namespace {
const char kHex[] = "0123456789abcdef";

void append_escaped_ascii(std::string& out, unsigned char c) {
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    default: break;
  }
  if (c < 0x20 || c == 0x7f) {
    out += "\\u00";
    out += kHex[c >> 4];
    out += kHex[c & 15];
  } else {
    out += static_cast<char>(c);
  }
}
}  // namespace

namespace {

// True when one of the 8 bytes of w needs attention: below 0x20, '"', '\\', 0x7F or
// non-ASCII (SWAR: each test sets a byte's high bit).
// When the text is known to be valid UTF-8, bytes from 0x80 are copied as they are.
inline bool word_needs_care(uint64_t w, bool valid_utf8) {
  constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [&](uint64_t v) { return (v - ones) & ~v & highs; };
  uint64_t ascii = valid_utf8 ? ~w & highs : highs;  // high bit of bytes that are ASCII
  uint64_t below_space = (w - ones * 0x20) & ~w & highs;
  uint64_t special = below_space | has_zero(w ^ (ones * '"')) | has_zero(w ^ (ones * '\\')) | has_zero(w ^ (ones * 0x7F));
  return ((valid_utf8 ? 0 : (w & highs)) | (special & ascii)) != 0;
}

inline bool byte_is_plain(unsigned char c, bool valid_utf8) {
  if (c >= 0x80) return valid_utf8;
  return c >= 0x20 && c != '"' && c != '\\' && c < 0x7F;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  size_t i = 0;
  const size_t n = s.size();
  const char* p = s.data();
  const bool valid = is_valid_utf8(s);  // SIMD check, far cheaper than checking per character
  while (i < n) {
    // Copy the longest run of plain ASCII at once, 8 bytes at a time where possible.
    size_t j = i;
    while (j + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + j, 8);
      if (word_needs_care(w, valid)) break;
      j += 8;
    }
    while (j < n && byte_is_plain(static_cast<unsigned char>(p[j]), valid)) ++j;
    out.append(p + i, j - i);
    i = j;
    if (i >= n) break;
    unsigned char c = static_cast<unsigned char>(p[i]);
    if (c < 0x80) {
      append_escaped_ascii(out, c);
      ++i;
      continue;
    }
    size_t len = utf8_sequence_length(p + i, n - i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for an invalid byte
      ++i;
    } else {
      out.append(p + i, len);
      i += len;
    }
  }
  out += '"';
}

void JsonWriter::separate() {
  if (need_comma_) out_ += ',';
  need_comma_ = true;
}

JsonWriter& JsonWriter::begin_object() { separate(); out_ += '{'; need_comma_ = false; return *this; }
JsonWriter& JsonWriter::end_object() { out_ += '}'; need_comma_ = true; return *this; }
JsonWriter& JsonWriter::begin_array() { separate(); out_ += '['; need_comma_ = false; return *this; }
JsonWriter& JsonWriter::end_array() { out_ += ']'; need_comma_ = true; return *this; }

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  append_json_string(out_, k);
  out_ += ':';
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) { separate(); append_json_string(out_, s); return *this; }

JsonWriter& JsonWriter::value(double d) {
  separate();
  if (!std::isfinite(d)) {
    out_ += "null";
    return *this;
  }
  char buf[32];
  auto result = std::to_chars(buf, buf + sizeof buf, d);  // the shortest text that reads back as d
  out_.append(buf, static_cast<size_t>(result.ptr - buf));
  return *this;
}

JsonWriter& JsonWriter::value(int64_t i) { separate(); out_ += std::to_string(i); return *this; }
JsonWriter& JsonWriter::value(uint64_t u) { separate(); out_ += std::to_string(u); return *this; }
JsonWriter& JsonWriter::value(bool b) { separate(); out_ += b ? "true" : "false"; return *this; }
JsonWriter& JsonWriter::null() { separate(); out_ += "null"; return *this; }
JsonWriter& JsonWriter::raw(std::string_view json) { separate(); out_.append(json); return *this; }

}  // namespace mucpt
