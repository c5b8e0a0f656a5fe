#include "curation/quality/stop_words.h"

#include <cstdint>
#include <iterator>

#include "curation/quality/char_class.h"

namespace mucpt {

namespace {

constexpr std::string_view kEnglish[] = {"the", "be", "to", "of", "and", "that", "have", "with"};

// 的 了 是 在 和 与 也 就 都 而 及 着 被 把 从 对 为 这 那 之 于 以 其
constexpr char32_t kChinese[] = {0x7684, 0x4E86, 0x662F, 0x5728, 0x548C, 0x4E0E, 0x4E5F, 0x5C31,
                                 0x90FD, 0x800C, 0x53CA, 0x7740, 0x88AB, 0x628A, 0x4ECE, 0x5BF9,
                                 0x4E3A, 0x8FD9, 0x90A3, 0x4E4B, 0x4E8E, 0x4EE5, 0x5176};

bool equals_lower_ascii(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

}  // namespace

size_t count_stop_words(std::string_view text, const std::vector<Token>& tokens, StopList list) {
  static_assert(std::size(kChinese) <= 32, "one bit per stop word");
  uint32_t seen = 0;  // a bit per word of the list: Gopher counts the words present, not their uses
  for (const Token& t : tokens) {
    if (t.punct) continue;
    std::string_view w = t.in(text);
    if (list == StopList::english) {
      if (w.size() > 4) continue;
      for (size_t k = 0; k < std::size(kEnglish); ++k)
        if (equals_lower_ascii(w, kEnglish[k])) seen |= uint32_t(1) << k;
    } else if (list == StopList::chinese) {
      if (t.chars != 1) continue;
      size_t i = 0;
      const char32_t cp = decode_at(w, i);
      for (size_t k = 0; k < std::size(kChinese); ++k)
        if (cp == kChinese[k]) seen |= uint32_t(1) << k;
    }
  }
  return static_cast<size_t>(__builtin_popcount(seen));
}

}  // namespace mucpt
