#include "curation/quality/word_splitter.h"

#include "curation/quality/char_class.h"

namespace mucpt {

namespace {

// The character walk for CJK text, where a word may end without a space: a word, and
// the punctuation run that follows it and may still turn out to be inside it ("don't")
// rather than after it ("end.").
class Builder {
 public:
  Builder(std::vector<Token>& out) : out_(out) {}

  void word_char(uint32_t b, uint32_t e, bool alpha) {
    if (word_.size > 0) {
      if (punct_.size > 0) {  // the punctuation run was inside the word
        word_.size += punct_.size;
        word_.chars += punct_.chars;
        punct_ = {};
      }
    } else {
      punct_.standalone = false;  // leading punctuation, attached to this word
      flush_punct();
      word_ = Token{};
      word_.begin = b;
      word_.standalone = after_space_;
    }
    word_.size = e - word_.begin;
    ++word_.chars;
    word_.alpha |= alpha;
    after_space_ = false;
  }

  void punct_char(uint32_t b, uint32_t e) {
    if (punct_.size == 0) {
      punct_ = Token{};
      punct_.begin = b;
      punct_.punct = true;
      punct_.standalone = after_space_ && word_.size == 0;
    }
    punct_.size = e - punct_.begin;
    ++punct_.chars;
    after_space_ = false;
  }

  // A character that is a word by itself (CJK in character mode).
  void single(uint32_t b, uint32_t e) {
    flush();
    Token t;
    t.begin = b;
    t.size = e - b;
    t.chars = 1;
    t.alpha = true;
    t.standalone = after_space_;
    out_.push_back(t);
    after_space_ = false;
  }

  void space() {
    flush(true);
    after_space_ = true;
  }

  void flush(bool at_space = false) {
    if (word_.size > 0) {
      word_.standalone &= at_space && punct_.size == 0;
      out_.push_back(word_);
      word_ = {};
    }
    punct_.standalone &= at_space;
    flush_punct();
  }

 private:
  void flush_punct() {
    if (punct_.size > 0) out_.push_back(punct_);
    punct_ = {};
  }

  std::vector<Token>& out_;
  Token word_, punct_;
  bool after_space_ = true;
};

// Spaced text, one whitespace-separated segment at a time: the punctuation before its
// first word character, everything from there to its last word character (punctuation
// inside included), and the punctuation after it: the tokens the character walk
// gives, in one pass without its bookkeeping.
void split_spaced(std::string_view text, std::vector<Token>& out) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    size_t start = i;
    char32_t cp = decode_at(text, i);
    if (char_class(cp) == CharClass::space) continue;
    const size_t seg_start = start;
    size_t word_begin = 0, word_end = 0;  // bytes; word_end == 0: no word character yet
    uint32_t chars = 0, chars_before_word = 0, chars_to_word_end = 0;
    bool alpha = false;
    size_t seg_end = n;
    while (true) {
      const CharClass k = char_class(cp);
      if (k == CharClass::space) {
        seg_end = start;
        break;
      }
      ++chars;
      if (k != CharClass::punct) {
        if (word_end == 0) {
          word_begin = start;
          chars_before_word = chars - 1;
        }
        word_end = i;
        chars_to_word_end = chars;
        alpha |= k == CharClass::letter || k == CharClass::cjk;
      }
      if (i >= n) break;
      start = i;
      cp = decode_at(text, i);
    }
    auto emit = [&](size_t b, size_t e, uint32_t c, bool punct, bool is_alpha, bool standalone) {
      Token t;
      t.begin = static_cast<uint32_t>(b);
      t.size = static_cast<uint32_t>(e - b);
      t.chars = c;
      t.punct = punct;
      t.alpha = is_alpha;
      t.standalone = standalone;
      out.push_back(t);
    };
    if (word_end == 0) {
      emit(seg_start, seg_end, chars, true, false, true);
    } else {
      if (word_begin > seg_start) emit(seg_start, word_begin, chars_before_word, true, false, false);
      emit(word_begin, word_end, chars_to_word_end - chars_before_word, false, alpha,
           word_begin == seg_start && word_end == seg_end);
      if (word_end < seg_end) emit(word_end, seg_end, chars - chars_to_word_end, true, false, false);
    }
    i = seg_end;
  }
}

}  // namespace

void split_words(std::string_view text, WordMode mode, std::vector<Token>& out) {
  out.clear();
  if (mode == WordMode::spaced) return split_spaced(text, out);
  Builder b(out);
  size_t i = 0;
  while (i < text.size()) {
    const uint32_t start = static_cast<uint32_t>(i);
    const char32_t cp = decode_at(text, i);
    const uint32_t end = static_cast<uint32_t>(i);
    switch (char_class(cp)) {
      case CharClass::space: b.space(); break;
      case CharClass::punct: b.punct_char(start, end); break;
      case CharClass::cjk: b.single(start, end); break;  // a word of its own
      case CharClass::letter: b.word_char(start, end, true); break;
      case CharClass::digit:
      case CharClass::mark:
      case CharClass::other: b.word_char(start, end, false); break;
    }
  }
  b.flush(true);
}

}  // namespace mucpt
