// Gopher repetition: the measures on texts small enough to count by hand (datatrove's
// semantics), each rule's reason at and just past its threshold, and CJK windows.
#include "tests/catch.h"

#include "curation/quality/gopher_repetition.h"
#include "tests/quality/quality_test_util.h"

using namespace mucpt;
using quality_test::han;
using quality_test::reason;
using quality_test::words;

namespace {

GopherRepetitionOptions all_off() {
  GopherRepetitionOptions o;
  o.dup_line_frac = o.dup_para_frac = o.dup_line_char_frac = o.dup_para_char_frac = 0;
  o.top_ngram = {0, 0, 0};
  o.dup_ngram = {0, 0, 0, 0, 0, 0};
  return o;
}

}  // namespace

TEST_CASE("gopher_repetition: n-gram measures follow datatrove") {
  GopherRepetitionFilter filter(GopherRepetitionOptions{}, 0.3);
  // Ten one-character tokens, 19 characters.
  auto m = filter.measure("a b c d e a b c d e", WordMode::spaced);
  CHECK(m.top_ngram[0] == Approx(2.0 * 3 / 19));  // "a b" twice, joined with a space
  CHECK(m.top_ngram[1] == Approx(2.0 * 5 / 19));
  CHECK(m.top_ngram[2] == Approx(2.0 * 7 / 19));
  CHECK(m.dup_ngram[0] == Approx(5.0 / 19));       // the second "abcde", without spaces
  CHECK(m.dup_ngram[1] == 0);                      // no 6-gram repeats
  // A repeated n-gram is skipped past, so an overlapping run counts once per n tokens.
  auto run = filter.measure("x x x x x x x x x x x x", WordMode::spaced);  // twelve x, 23 characters
  CHECK(run.dup_ngram[0] == Approx(10.0 / 23));    // 0 new, 1 repeats (on to 6), 6 repeats (on to 11)
}

TEST_CASE("gopher_repetition: an n-gram seen once is no repetition") {
  GopherRepetitionFilter filter(GopherRepetitionOptions{}, 0.3);
  auto m = filter.measure("Shotgun Blossom is the debut album by New Zealand indie rock group Snapper.", WordMode::spaced);
  CHECK(m.top_ngram[0] == 0);
  CHECK(m.top_ngram[2] == 0);
}

TEST_CASE("gopher_repetition: line and paragraph duplicates") {
  GopherRepetitionFilter filter(GopherRepetitionOptions{}, 0.3);
  auto lines = filter.measure("xx\nyy\nxx\nzz", WordMode::spaced);
  CHECK(lines.dup_line_frac == Approx(0.25));
  CHECK(lines.dup_line_char_frac == Approx(2.0 / 11));
  CHECK(lines.dup_para_frac == 0);  // one paragraph
  auto paras = filter.measure("pp\n\nqq\nrr\n\npp\n\n\n", WordMode::spaced);
  CHECK(paras.dup_para_frac == Approx(1.0 / 3));
  CHECK(paras.dup_para_char_frac == Approx(2.0 / 16));
  CHECK(paras.dup_line_frac == Approx(1.0 / 4));  // empty lines are not lines
}

TEST_CASE("gopher_repetition: a text of many short lines is counted whole (the line table grows past its guess)") {
  // About one line in 3 bytes: more distinct lines than the table first sized for a
  // text of its bytes.
  GopherRepetitionFilter filter(GopherRepetitionOptions{}, 0.3);
  std::string numbers;
  for (int i = 1; i <= 40; ++i) numbers += std::to_string(i) + (i < 40 ? "\n" : "");
  CHECK(filter.measure(numbers, WordMode::spaced).dup_line_frac == 0);
  std::string twice;
  for (int i = 0; i < 6000; ++i) twice += "l" + std::to_string(i % 3000) + "\n";
  const auto m = filter.measure(twice, WordMode::spaced);
  CHECK(m.dup_line_frac == Approx(0.5));
}

TEST_CASE("gopher_repetition: each rule drops past its threshold with its own reason") {
  // Repeated lines, a repeated paragraph and repeated n-grams, so every measure is above 0.
  const std::string chorus = "chorus " + words(9, 5, 900);  // ten words
  const std::string text = chorus + "\n" + words(12) + "\n" + chorus + "\n\n" + words(20, 5, 50) +
                           "\n\nRepeat me twice\n\nRepeat me twice";
  GopherRepetitionFilter probe(GopherRepetitionOptions{}, 0.3);
  const GopherRepetitionMeasures m = probe.measure(text, WordMode::spaced);
  struct Case {
    const char* reason;
    double measured;
    double& (*threshold)(GopherRepetitionOptions&);
  };
  const Case cases[] = {
      {"dup_para_frac", m.dup_para_frac, [](GopherRepetitionOptions& o) -> double& { return o.dup_para_frac; }},
      {"dup_para_char_frac", m.dup_para_char_frac, [](GopherRepetitionOptions& o) -> double& { return o.dup_para_char_frac; }},
      {"dup_line_frac", m.dup_line_frac, [](GopherRepetitionOptions& o) -> double& { return o.dup_line_frac; }},
      {"dup_line_char_frac", m.dup_line_char_frac, [](GopherRepetitionOptions& o) -> double& { return o.dup_line_char_frac; }},
      {"top_2_gram", m.top_ngram[0], [](GopherRepetitionOptions& o) -> double& { return o.top_ngram[0]; }},
      {"top_3_gram", m.top_ngram[1], [](GopherRepetitionOptions& o) -> double& { return o.top_ngram[1]; }},
      {"top_4_gram", m.top_ngram[2], [](GopherRepetitionOptions& o) -> double& { return o.top_ngram[2]; }},
      {"duplicated_5_n_grams", m.dup_ngram[0], [](GopherRepetitionOptions& o) -> double& { return o.dup_ngram[0]; }},
      {"duplicated_10_n_grams", m.dup_ngram[5], [](GopherRepetitionOptions& o) -> double& { return o.dup_ngram[5]; }},
  };
  for (const Case& c : cases) {
    INFO(c.reason << " measured " << c.measured);
    REQUIRE(c.measured > 0);
    GopherRepetitionOptions at = all_off(), past = all_off();
    c.threshold(at) = c.measured;  // not above the threshold: kept
    c.threshold(past) = c.measured * 0.999;
    GopherRepetitionFilter keep(at, 0.3), drop(past, 0.3);
    CHECK(reason(keep, text.c_str()) == "");
    CHECK(reason(drop, text.c_str()) == c.reason);
  }
}

TEST_CASE("gopher_repetition: defaults keep ordinary prose and drop a repeated promotion") {
  GopherRepetitionFilter filter(GopherRepetitionOptions{}, 0.3);
  CHECK(reason(filter, ("The " + words(80) + " and the end.").c_str()) == "");
  std::string spam;
  for (int i = 0; i < 10; ++i) spam += "BUY CHEAP TICKETS NOW!!! 40% OFF ALL SHOWS!!!\n";
  CHECK(reason(filter, spam.c_str()) == "dup_line_frac");
}

TEST_CASE("gopher_repetition: CJK n-grams span words, not single characters") {
  // With two characters per word a 5-gram spans ten characters: a repeated run of eight
  // characters (a transliterated name, say) is a repeated 5-gram only when characters
  // are taken for words.
  auto twice = [](size_t run) { return han(40) + han(run, 300) + han(40, 50) + han(run, 300) + han(40, 100); };
  GopherRepetitionOptions chars_as_words;
  chars_as_words.cjk_chars_per_word = 1;
  GopherRepetitionFilter narrow(chars_as_words, 0.3), wide(GopherRepetitionOptions{}, 0.3);
  CHECK(narrow.measure(twice(8), WordMode::cjk_chars).dup_ngram[0] == Approx(5.0 / 136));
  CHECK(wide.measure(twice(8), WordMode::cjk_chars).dup_ngram[0] == 0);
  CHECK(wide.measure(twice(10), WordMode::cjk_chars).dup_ngram[0] == Approx(10.0 / 140));
  CHECK(wide.measure(twice(10), WordMode::spaced).dup_ngram[0] == 0);  // one token when read as spaced text
}

TEST_CASE("gopher_repetition: measures are kept in scores") {
  GopherRepetitionFilter filter(GopherRepetitionOptions{}, 0.3);
  Document doc;
  doc.text = "a b c d e a b c d e";
  filter.process(doc);
  REQUIRE(doc.score("gopher_rep_dup_5_gram"));
  CHECK(doc.score("gopher_rep_dup_5_gram")->number == Approx(5.0 / 19));
  CHECK(doc.score("gopher_rep_top_2_gram")->number == Approx(6.0 / 19));
  CHECK(doc.score("gopher_rep_dup_line_frac")->number == 0);
}
