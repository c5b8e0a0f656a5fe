#pragma once
// Splits text into word and punctuation tokens, the units the Gopher rules count.
// Spaced scripts: whitespace separates words and punctuation at a word's edges is a
// token of its own ("(3:45)," gives "(", "3:45", "),"), while punctuation inside a
// word stays in it ("don't", "AC/DC", "3:45"), close to what datatrove's English word
// tokenizer yields. CJK text has no spaces, so each Han or kana character is a word
// there (a character-based word count); Latin runs inside it are still words.
#include <cstdint>
#include <string_view>
#include <vector>

namespace mucpt {

struct Token {
  uint32_t begin = 0;  // byte offset in the text
  uint32_t size = 0;   // bytes
  uint32_t chars = 0;  // code points
  bool punct = false;       // punctuation and symbols only
  bool alpha = false;       // holds at least one letter (CJK characters are letters)
  bool standalone = false;  // whitespace (or the text's edge) on both sides

  std::string_view in(std::string_view text) const { return text.substr(begin, size); }
};

enum class WordMode { spaced, cjk_chars };

void split_words(std::string_view text, WordMode mode, std::vector<Token>& out);

}  // namespace mucpt
