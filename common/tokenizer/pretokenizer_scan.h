#pragma once
// Small helpers shared by the pre-tokenizer scanners.
#include <cstddef>

#include "common/tokenizer/char_class.h"

namespace mucpt::scan {

inline bool is_whitespace(CharClass c) { return c == CharClass::space || c == CharClass::newline; }

inline CharClass class_at(const char* s, size_t n, size_t i) { return char_info(s + i, n - i).cls; }

// End of the run of characters of class c that starts at i.
inline size_t run_end(const char* s, size_t n, size_t i, CharClass c) {
  while (i < n) {
    CharInfo ci = char_info(s + i, n - i);
    if (ci.cls != c) break;
    i += ci.len;
  }
  return i;
}

}  // namespace mucpt::scan
