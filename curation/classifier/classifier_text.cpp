#include "curation/classifier/classifier_text.h"

#include <utf8proc.h>

#include <cctype>

#include "common/unicode.h"

namespace mucpt {

namespace {

bool is_separate_token(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK: case UTF8PROC_CATEGORY_SO:
      return true;
    default:
      return is_cjk(cp);
  }
}

bool is_space(char32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f') return true;
  auto c = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP ||
         c == UTF8PROC_CATEGORY_CC;
}

}  // namespace

std::string classifier_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  bool space_pending = false;
  auto emit_space = [&] {
    if (!out.empty()) space_pending = true;
  };
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    char32_t cp;
    if (c < 0x80) {
      cp = c;
      ++i;
    } else {
      cp = next_code_point(text, i);
    }
    if (is_space(cp)) {
      emit_space();
      continue;
    }
    bool alone = cp < 0x80 ? (std::ispunct(static_cast<int>(cp)) != 0) : is_separate_token(cp);
    if (alone) emit_space();
    if (space_pending) {
      out += ' ';
      space_pending = false;
    }
    if (cp < 0x80) out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    else append_utf8(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
    if (alone) emit_space();
  }
  return out;
}

}  // namespace mucpt
