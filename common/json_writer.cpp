#include "common/json_writer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

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

void append_json_string(std::string& out, std::string_view s) {
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      // Copy a run of plain ASCII at once; escape the rest.
      size_t j = i;
      while (j < n) {
        unsigned char d = static_cast<unsigned char>(s[j]);
        if (d >= 0x80 || d < 0x20 || d == '"' || d == '\\' || d == 0x7f) break;
        ++j;
      }
      out.append(s.data() + i, j - i);
      if (j < n && static_cast<unsigned char>(s[j]) < 0x80) {
        append_escaped_ascii(out, static_cast<unsigned char>(s[j]));
        ++j;
      }
      i = j;
      continue;
    }
    size_t len = utf8_sequence_length(s.data() + i, n - i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for an invalid byte
      ++i;
    } else {
      out.append(s.data() + i, len);
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
  if (!std::isfinite(d)) { out_ += "null"; return *this; }
  char buf[32];
  // %.17g round-trips every double; shorter when exact.
  int len = std::snprintf(buf, sizeof buf, "%.10g", d);
  if (std::strtod(buf, nullptr) != d) len = std::snprintf(buf, sizeof buf, "%.17g", d);
  out_.append(buf, static_cast<size_t>(len));
  return *this;
}

JsonWriter& JsonWriter::value(int64_t i) { separate(); out_ += std::to_string(i); return *this; }
JsonWriter& JsonWriter::value(uint64_t u) { separate(); out_ += std::to_string(u); return *this; }
JsonWriter& JsonWriter::value(bool b) { separate(); out_ += b ? "true" : "false"; return *this; }
JsonWriter& JsonWriter::null() { separate(); out_ += "null"; return *this; }
JsonWriter& JsonWriter::raw(std::string_view json) { separate(); out_.append(json); return *this; }

}  // namespace mucpt
