// Splits worked out by hand from the regexes (leftmost alternative, greedy, with
// backtracking), including the cases where only backtracking decides.
#include "common/tokenizer/pretokenizer.h"

#include "tests/catch.h"

using namespace mucpt;
using Pieces = std::vector<std::string>;

namespace {
Pieces split(PretokenizerKind kind, std::string_view text) {
  std::vector<size_t> ends;
  pretokenize(kind, text, ends);
  Pieces pieces;
  size_t start = 0;
  for (size_t end : ends) {
    pieces.emplace_back(text.substr(start, end - start));
    start = end;
  }
  return pieces;
}
}  // namespace

TEST_CASE("gpt2 split: words, contractions, numbers, punctuation") {
  auto k = PretokenizerKind::gpt2;
  CHECK(split(k, "Hello world") == Pieces{"Hello", " world"});
  CHECK(split(k, "I'm sure don't") == Pieces{"I", "'m", " sure", " don", "'t"});
  CHECK(split(k, "'S 'LL") == Pieces{"'", "S", " '", "LL"});  // contractions are case-sensitive
  CHECK(split(k, "x!!! y") == Pieces{"x", "!!!", " y"});
  CHECK(split(k, "123 4567 a1") == Pieces{"123", " 4567", " a", "1"});
  CHECK(split(k, "!!'s") == Pieces{"!!'", "s"});  // the punctuation run takes the apostrophe
  CHECK(split(k, "") == Pieces{});
}

TEST_CASE("gpt2 split: whitespace runs leave their last space to the next word") {
  auto k = PretokenizerKind::gpt2;
  CHECK(split(k, "a  b") == Pieces{"a", " ", " b"});
  CHECK(split(k, "a   b") == Pieces{"a", "  ", " b"});
  CHECK(split(k, "a \n b") == Pieces{"a", " \n", " b"});
  CHECK(split(k, "abc   ") == Pieces{"abc", "   "});
  CHECK(split(k, "\tfoo") == Pieces{"\t", "foo"});
  CHECK(split(k, "a\n\nb") == Pieces{"a", "\n", "\n", "b"});
  CHECK(split(k, " ") == Pieces{" "});
}

TEST_CASE("qwen2 split: letters take one leading non-letter, digits go one by one") {
  auto k = PretokenizerKind::qwen2;
  CHECK(split(k, "Hello world") == Pieces{"Hello", " world"});
  CHECK(split(k, "123") == Pieces{"1", "2", "3"});
  CHECK(split(k, "(音乐)") == Pieces{"(音乐", ")"});
  CHECK(split(k, "\tfoo") == Pieces{"\tfoo"});
  CHECK(split(k, "  foo") == Pieces{" ", " foo"});
  CHECK(split(k, "foo. .") == Pieces{"foo", ".", " ."});
  CHECK(split(k, "x\xC2\xA0y") == Pieces{"x", "\xC2\xA0y"});
}

TEST_CASE("qwen2 split: contractions ignore case") {
  auto k = PretokenizerKind::qwen2;
  CHECK(split(k, "'S 'LL 'Re") == Pieces{"'S", " '", "LL", " '", "Re"});
  CHECK(split(k, "I'M") == Pieces{"I", "'M"});
  CHECK(split(k, "'x") == Pieces{"'x"});
}

TEST_CASE("qwen2 split: newlines end whitespace runs and follow punctuation") {
  auto k = PretokenizerKind::qwen2;
  CHECK(split(k, "a\r\n\r\nb") == Pieces{"a", "\r\n\r\n", "b"});
  CHECK(split(k, "a  \n  b") == Pieces{"a", "  \n", " ", " b"});
  CHECK(split(k, "!!\n\nx") == Pieces{"!!\n\n", "x"});
  CHECK(split(k, " !\r\n") == Pieces{" !\r\n"});
  CHECK(split(k, "a \n") == Pieces{"a", " \n"});
  CHECK(split(k, "a   ") == Pieces{"a", "   "});
}

TEST_CASE("llama3 split: up to three digits") {
  CHECK(split(PretokenizerKind::llama3, "12345 x") == Pieces{"123", "45", " x"});
}

TEST_CASE("Oniguruma's classes, as Hugging Face uses them") {
  // U+0085 is \s for Oniguruma (not for JavaScript); U+FEFF is not (it is for
  // JavaScript); U+017F LONG S folds to 's' in (?i:...).
  CHECK(split(PretokenizerKind::gpt2,
              "a\xC2\x85\xC2\x85"
              "b") == Pieces{"a", "\xC2\x85", "\xC2\x85", "b"});
  CHECK(split(PretokenizerKind::gpt2, "a \xEF\xBB\xBF") == Pieces{"a", " \xEF\xBB\xBF"});
  CHECK(split(PretokenizerKind::qwen2,
              "'\xC5\xBF"
              "a") == Pieces{"'\xC5\xBF", "a"});
}

TEST_CASE("invalid UTF-8 bytes are single other characters") {
  CHECK(split(PretokenizerKind::gpt2, "a\xFF\xFE b") == Pieces{"a", "\xFF\xFE", " b"});
  CHECK(split(PretokenizerKind::qwen2,
              "\xE4\xB8"
              "x") == Pieces{"\xE4\xB8", "x"});
}

TEST_CASE("patterns name their kinds") {
  for (auto k : {PretokenizerKind::gpt2, PretokenizerKind::qwen2, PretokenizerKind::llama3}) {
    CHECK(pretokenizer_from_pattern(pretokenizer_pattern(k)) == k);
    CHECK(pretokenizer_from_name(pretokenizer_name(k)) == k);
  }
  CHECK_FALSE(pretokenizer_from_pattern("\\w+"));
}
