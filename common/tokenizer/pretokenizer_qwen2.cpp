// Qwen2's pattern (Llama 3's differs only in \p{N}{1,3}):
//   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*
//   |\s*[\r\n]+|\s+(?!\S)|\s+
#include "common/tokenizer/pretokenizer.h"
#include "common/tokenizer/pretokenizer_scan.h"

namespace mucpt {

namespace {

bool is_ascii_letter(char c, char lower) { return c == lower || c == lower - 32; }

// Length of a case-insensitive contraction at s[i] == '\'', or 0. Oniguruma folds case
// with Unicode's simple folding, so U+017F LONG S matches 's' too.
size_t contraction(const char* s, size_t n, size_t i) {
  if (i + 1 >= n) return 0;
  char a = s[i + 1];
  if (is_ascii_letter(a, 's') || is_ascii_letter(a, 't') || is_ascii_letter(a, 'm') || is_ascii_letter(a, 'd'))
    return 2;
  if (a == '\xC5' && i + 2 < n && s[i + 2] == '\xBF') return 3;
  if (i + 2 >= n) return 0;
  char b = s[i + 2];
  if ((is_ascii_letter(a, 'r') && is_ascii_letter(b, 'e')) || (is_ascii_letter(a, 'v') && is_ascii_letter(b, 'e')) ||
      (is_ascii_letter(a, 'l') && is_ascii_letter(b, 'l')))
    return 3;
  return 0;
}

size_t newline_run_end(const char* s, size_t n, size_t i) {
  while (i < n && (s[i] == '\r' || s[i] == '\n')) ++i;
  return i;
}

// A whitespace run at i. `\s*[\r\n]+` ends it after its last CR or LF when it has one;
// otherwise `\s+(?!\S)` leaves the last whitespace character for the next piece when
// something follows, and a single one before a non-space falls through to `\s+`.
size_t whitespace_end(const char* s, size_t n, size_t i) {
  size_t j = i, last = i, after_newline = 0;
  while (j < n) {
    CharInfo ci = char_info(s + j, n - j);
    if (!scan::is_whitespace(ci.cls)) break;
    last = j;
    j += ci.len;
    if (ci.cls == CharClass::newline) after_newline = j;
  }
  if (after_newline) return after_newline;
  if (j == n) return n;
  return last > i ? last : j;
}

}  // namespace

void pretokenize_qwen2(std::string_view text, int max_digits, std::vector<size_t>& ends) {
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
      CharInfo c0 = char_info(s + i, n - i);
      switch (c0.cls) {
        case CharClass::letter: end = scan::run_end(s, n, i, CharClass::letter); break;
        case CharClass::number: {
          end = i + c0.len;
          for (int d = 1; d < max_digits && end < n; ++d) {
            CharInfo ci = char_info(s + end, n - end);
            if (ci.cls != CharClass::number) break;
            end += ci.len;
          }
          break;
        }
        case CharClass::other:
        case CharClass::space: {
          size_t next = i + c0.len;
          CharClass c1 = next < n ? scan::class_at(s, n, next) : CharClass::newline;
          if (next < n && c1 == CharClass::letter) {
            end = scan::run_end(s, n, next, CharClass::letter);  // one leading non-letter, then letters
          } else if (c0.cls == CharClass::other) {
            end = newline_run_end(s, n, scan::run_end(s, n, i, CharClass::other));
          } else if (s[i] == ' ' && next < n && c1 == CharClass::other) {
            end = newline_run_end(s, n, scan::run_end(s, n, next, CharClass::other));
          } else {
            end = whitespace_end(s, n, i);
          }
          break;
        }
        case CharClass::newline: end = whitespace_end(s, n, i); break;
      }
    }
    ends.push_back(end);
    i = end;
  }
}

}  // namespace mucpt
