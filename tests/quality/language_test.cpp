// Reading a document's language: word splitting, script share, language labels and
// stop words.
#include "tests/catch.h"

#include "curation/quality/document_language.h"
#include "curation/quality/text_shape.h"
#include "curation/quality/word_splitter.h"
#include "tests/quality/quality_test_util.h"

using namespace mucpt;

namespace {
std::vector<std::string> tokens(const std::string& text, WordMode mode = WordMode::spaced) {
  std::vector<Token> t;
  split_words(text, mode, t);
  std::vector<std::string> out;
  for (const Token& k : t) out.emplace_back(k.in(text));
  return out;
}
}  // namespace

TEST_CASE("words: punctuation at a word's edge is split off, inside it stays") {
  using V = std::vector<std::string>;
  CHECK(tokens("Don't stop (3:45), AC/DC!") == V{"Don't", "stop", "(", "3:45", "),", "AC/DC", "!"});
  CHECK(tokens("  spaced\tout\nwords  ") == V{"spaced", "out", "words"});
  CHECK(tokens("a - b | c") == V{"a", "-", "b", "|", "c"});
  CHECK(tokens("Bj\xC3\xB6rk's #1 hit...") == V{"Bj\xC3\xB6rk's", "#", "1", "hit", "..."});
}

TEST_CASE("words: token facts") {
  std::vector<Token> t;
  split_words("Caf\xC3\xA9 1999 - ok.", WordMode::spaced, t);
  REQUIRE(t.size() == 5);
  CHECK(t[0].chars == 4);
  CHECK(t[0].alpha);
  CHECK_FALSE(t[1].alpha);  // digits only
  CHECK(t[2].punct);
  CHECK(t[2].standalone);   // a lone dash between spaces
  CHECK(t[4].punct);
  CHECK_FALSE(t[4].standalone);  // the full stop after "ok"
}

TEST_CASE("words: CJK characters are words of their own, Latin runs stay whole") {
  using V = std::vector<std::string>;
  // 乐队Beyond成立于1983年。
  const std::string zh = "\xE4\xB9\x90\xE9\x98\x9F" "Beyond" "\xE6\x88\x90\xE7\xAB\x8B\xE4\xBA\x8E" "1983"
                         "\xE5\xB9\xB4\xE3\x80\x82";
  CHECK(tokens(zh, WordMode::cjk_chars) ==
        V{"\xE4\xB9\x90", "\xE9\x98\x9F", "Beyond", "\xE6\x88\x90", "\xE7\xAB\x8B", "\xE4\xBA\x8E", "1983",
          "\xE5\xB9\xB4", "\xE3\x80\x82"});
  CHECK(tokens(zh, WordMode::spaced).size() == 2);  // one run of word characters and the 。
}

TEST_CASE("language: a label decides, otherwise the share of Han and kana") {
  Document doc;
  doc.text = quality_test::han(30) + " with a few English words";
  CHECK(script_share(doc.text).cjk > 0.5);
  CHECK(document_language(doc, 0.3).cjk());
  CHECK(document_language(doc, 0.3).stop_words == StopList::chinese);
  CHECK_FALSE(document_language(doc, 0.9).cjk());
  doc.set_label("lang", "en");
  CHECK_FALSE(document_language(doc, 0.3).cjk());
  doc.set_label("lang", "unknown");
  CHECK(document_language(doc, 0.3).cjk());

  Document ja;
  ja.text = "\xE3\x81\x93\xE3\x82\x8C\xE3\x81\xAF\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xA7\xE3\x81\x99";  // これは日本語です
  CHECK(document_language(ja, 0.3).cjk());
  CHECK(document_language(ja, 0.3).stop_words == StopList::none);

  Document fr;
  fr.text = "Le groupe a sorti son premier album.";
  fr.set_label("lang", "fr");
  CHECK_FALSE(document_language(fr, 0.3).cjk());
  CHECK(document_language(fr, 0.3).stop_words == StopList::none);
}

TEST_CASE("stop words: the Gopher list in English, function characters in Chinese") {
  std::vector<Token> t;
  std::string en = "The Band AND the Other of THAT theme";
  split_words(en, WordMode::spaced, t);
  CHECK(count_stop_words(en, t, StopList::english) == 4);  // the (twice: once), and, of, that; theme is not "the"
  CHECK(count_stop_words(en, t, StopList::none) == 0);
  std::string zh = "\xE4\xB9\x90\xE9\x98\x9F\xE7\x9A\x84\xE4\xB8\x93\xE8\xBE\x91\xE6\x98\xAF\xE5\x9C\xA8";  // 乐队的专辑是在
  split_words(zh, WordMode::cjk_chars, t);
  CHECK(count_stop_words(zh, t, StopList::chinese) == 3);
}

TEST_CASE("shape: track lists, credits and lyrics are lists, and prose and exclamations are not") {
  const std::string tracks = "1. Opening Song 3:45\n2. Second Song 4:02\n3. Third Song 2:58\nProducer: Jane Doe";
  CHECK(text_shape(tracks, ShapeOptions{}).list);
  const std::string lyrics = "Walking down the river road\nCarry me home tonight\nOh the water's cold\nCarry me home";
  CHECK(text_shape(lyrics, ShapeOptions{}).list);
  const std::string spam = "1. BUY NOW!!!\n2. CHEAP TICKETS!!!\n3. LOWEST PRICE!!!\n4. CLICK!!!";
  CHECK_FALSE(text_shape(spam, ShapeOptions{}).list);
  const std::string three = "one\ntwo\nthree";
  CHECK_FALSE(text_shape(three, ShapeOptions{}).list);  // too few lines to tell
  const std::string prose = "The " + quality_test::words(20) + ".\nAnd " + quality_test::words(20, 5, 40) + ".";
  CHECK_FALSE(text_shape(prose, ShapeOptions{}).list);
  ShapeOptions off;
  off.list_aware = false;
  CHECK_FALSE(text_shape(tracks, off).list);
}
