#include "common/tokenizer/utf8_lossy.h"

#include "common/unicode.h"

namespace mucpt {

namespace {
// Bytes of the longest prefix at p that could still begin a well-formed sequence
// (at least 1): the "maximal subpart" that one U+FFFD replaces.
size_t maximal_subpart(const unsigned char* p, size_t n) {
  unsigned char c = p[0];
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF)
    need = 2;
  else if (c >= 0xE0 && c <= 0xEF) {
    need = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  size_t k = 1;
  for (; k < need && k < n; ++k) {
    unsigned char b = p[k];
    bool ok = k == 1 ? (b >= lo && b <= hi) : (b & 0xC0) == 0x80;
    if (!ok) break;
  }
  return k;
}
}  // namespace

std::string utf8_lossy(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    size_t len = utf8_sequence_length(bytes.data() + i, bytes.size() - i);
    if (len) {
      out.append(bytes.data() + i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      i += maximal_subpart(reinterpret_cast<const unsigned char*>(bytes.data() + i), bytes.size() - i);
    }
  }
  return out;
}

}  // namespace mucpt
