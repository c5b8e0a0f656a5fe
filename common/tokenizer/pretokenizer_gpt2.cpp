// GPT-2's pattern:
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
#include "common/tokenizer/pretokenizer.h"
#include "common/tokenizer/pretokenizer_scan.h"

namespace mucpt {

namespace {

// Length of a case-sensitive contraction at s[i] == '\'', or 0.
size_t contraction(const char* s, size_t n, size_t i) {
  if (i + 1 >= n) return 0;
  char a = s[i + 1];
  if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
  if (i + 2 >= n) return 0;
  char b = s[i + 2];
  if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
  return 0;
}

// A whitespace run at i: `\s+(?!\S)` keeps the last whitespace character for the
// next piece when something follows; a single whitespace character before a
// non-space falls through to `\s+`.
size_t whitespace_end(const char* s, size_t n, size_t i) {
  size_t j = i, last = i;
  while (j < n) {
    CharInfo ci = char_info(s + j, n - j);
    if (!scan::is_whitespace(ci.cls)) break;
    last = j;
    j += ci.len;
  }
  if (j == n) return n;
  return last > i ? last : j;
}

}  // namespace

void pretokenize_gpt2(std::string_view text, std::vector<size_t>& ends) {
  const char* s = text.data();
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    size_t end = 0;
    if (s[i] == '\'') {
      size_t len = contraction(s, n, i);
      if (len) end = i + len;
    }
    if (!end) {
      CharClass c0 = scan::class_at(s, n, i);
      if (!scan::is_whitespace(c0)) {
        end = scan::run_end(s, n, i, c0);
      } else if (s[i] == ' ' && i + 1 < n) {
        CharClass c1 = scan::class_at(s, n, i + 1);
        end = scan::is_whitespace(c1) ? whitespace_end(s, n, i) : scan::run_end(s, n, i + 1, c1);
      } else {
        end = whitespace_end(s, n, i);
      }
    }
    ends.push_back(end);
    i = end;
  }
}

}  // namespace mucpt
