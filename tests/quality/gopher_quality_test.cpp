// Gopher quality: each rule's reason at and around its threshold, the list-structure
// exemptions, and the character-based reading of CJK text.
#include "tests/catch.h"

#include "curation/quality/gopher_quality.h"
#include "tests/quality/quality_test_util.h"

using namespace mucpt;
using quality_test::han;
using quality_test::reason;
using quality_test::words;

namespace {

std::string judge(const std::string& text, const GopherQualityOptions& options = {}, const std::string& lang = "") {
  GopherQualityFilter filter(options, ShapeOptions{}, 0.3);
  return reason(filter, text.c_str(), lang);
}

// n words with two stop words among them.
std::string prose(size_t n, size_t length = 5) { return "The " + words(n - 2, length) + " and."; }

// Lines of `per_line` words; the first `flagged` of them get the prefix and suffix.
std::string lines(size_t count, size_t per_line, size_t flagged, const std::string& prefix, const std::string& suffix) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out += '\n';
    if (i < flagged) out += prefix;
    out += (i == 0 ? "the and " : "") + words(per_line, 5, i * per_line);
    if (i < flagged) out += suffix;
  }
  return out;
}

}  // namespace

TEST_CASE("gopher_quality: word count bounds") {
  CHECK(judge(prose(50)) == "");
  CHECK(judge(prose(49)) == "short_doc");
  GopherQualityOptions o;
  o.max_words = 60;
  CHECK(judge(prose(60), o) == "");
  CHECK(judge(prose(61), o) == "long_doc");
  o.min_words = 0;  // 0 switches a check off
  CHECK(judge(prose(10), o) == "");
}

TEST_CASE("gopher_quality: mean word length bounds") {
  CHECK(judge("the " + words(48, 3) + " and") == "");               // exactly 3
  CHECK(judge("the " + words(47, 3) + " qq and") == "below_avg_word_length");
  GopherQualityOptions o;
  o.min_stop_words = 0;
  CHECK(judge(words(50, 10), o) == "");                              // exactly 10
  CHECK(judge(words(49, 10) + " qqqqqqqqqqq", o) == "above_avg_word_length");
}

TEST_CASE("gopher_quality: '#' and ellipsis per word") {
  auto tagged = [](size_t tags, const std::string& mark, bool suffix) {
    std::string text = "the and";
    for (size_t i = 0; i < 98; ++i) {
      std::string w = words(1, 5, i);
      text += " " + (i < tags ? (suffix ? w + mark : mark + w) : w);
    }
    return text;
  };
  CHECK(judge(tagged(10, "#", false)) == "");  // 10 per 100 words
  CHECK(judge(tagged(11, "#", false)) == "too_many_hashes");
  CHECK(judge(tagged(10, "...", true)) == "");
  CHECK(judge(tagged(11, "...", true)) == "too_many_ellipsis");
  CHECK(judge(tagged(11, "\xE2\x80\xA6", true)) == "too_many_ellipsis");  // …
}

TEST_CASE("gopher_quality: bullet and ellipsis lines need their share and three lines") {
  CHECK(judge(lines(10, 6, 9, "- ", "")) == "");                 // 0.9
  CHECK(judge(lines(10, 6, 10, "- ", "")) == "too_many_bullets");
  CHECK(judge(lines(10, 6, 10, "\xE2\x80\xA2 ", "")) == "too_many_bullets");  // •
  CHECK(judge(lines(2, 30, 2, "- ", "")) == "");                 // all bullets, but two lines
  CHECK(judge(lines(10, 6, 3, "", "...")) == "");                // 0.3
  CHECK(judge(lines(10, 6, 4, "", "...")) == "too_many_end_ellipsis");
  CHECK(judge(lines(3, 20, 1, "", "...")) == "");                // a third, but one line
  GopherQualityOptions o;
  o.min_flagged_lines = 1;
  CHECK(judge(lines(3, 20, 1, "", "..."), o) == "too_many_end_ellipsis");
}

TEST_CASE("gopher_quality: share of words with a letter") {
  auto with_numbers = [](size_t numbers) {
    std::string text = "the and " + words(98 - numbers);
    for (size_t i = 0; i < numbers; ++i) text += " " + std::to_string(1000 + i);
    return text + ".";
  };
  CHECK(judge(with_numbers(20)) == "");  // 0.8
  CHECK(judge(with_numbers(21)) == "below_alpha_threshold");
}

TEST_CASE("gopher_quality: stop words, counted case-insensitively, each word of the list once") {
  CHECK(judge("The " + words(49)) == "not_enough_stop_words");
  CHECK(judge("The " + words(48) + " AND") == "");
  // "the" three times is one word of the list, as Gopher counts (datatrove: the size of
  // the list's intersection with the set of words).
  CHECK(judge("The " + words(46) + " the " + words(1, 5, 46) + " THE") == "not_enough_stop_words");
  GopherQualityOptions o;
  o.min_stop_words = 0;
  CHECK(judge(words(50), o) == "");
}

TEST_CASE("gopher_quality: a track list skips the letter-share and stop-word checks") {
  std::string tracks = "Velvet Lanterns - Harbour Lights (1998)\nReleased: 1998\nLabel: Quiet Signal Recordings\n";
  for (int i = 1; i <= 12; ++i)
    tracks += std::to_string(i) + ". " + words(2, 6, 10 * i) + " " + std::to_string(i % 5 + 2) + ":" + std::to_string(10 + i) + "\n";
  tracks += "Producer: Jane Doe\nRecorded at Greenhouse Sound Studio, Reykjavik";
  CHECK(judge(tracks) == "");
  std::string one_line = tracks;
  for (char& c : one_line)
    if (c == '\n') c = ' ';
  CHECK(judge(one_line) != "");  // the same words as one paragraph are not prose
  ShapeOptions prose_only;
  prose_only.list_aware = false;
  GopherQualityFilter strict(GopherQualityOptions{}, prose_only, 0.3);
  CHECK(reason(strict, tracks.c_str()) != "");
}

TEST_CASE("gopher_quality: CJK text counts characters and uses Chinese stop words") {
  const std::string stops = "\xE7\x9A\x84\xE6\x98\xAF";  // 的 是
  CHECK(judge(han(48) + stops) == "");                 // 50 characters, mean length 1 is no reason
  CHECK(judge(han(47) + stops) == "short_doc");
  CHECK(judge(han(50) + "\xE3\x80\x82") == "not_enough_stop_words");
  CHECK(judge(han(47) + "\xE7\x9A\x84\xE7\x9A\x84\xE7\x9A\x84") == "not_enough_stop_words");  // 的 three times: one
  CHECK(judge(han(48) + stops, {}, "zh") == "");
  CHECK(judge(han(48) + stops, {}, "en") == "short_doc");  // a language label decides over the script
  CHECK(judge(han(60), {}, "ja") == "");                   // no Japanese list: the check does not apply
}

TEST_CASE("gopher_quality: measures are kept in scores") {
  GopherQualityFilter filter(GopherQualityOptions{}, ShapeOptions{}, 0.3);
  Document doc;
  doc.text = "The " + words(47) + " and #tag...";
  filter.process(doc);
  REQUIRE(doc.score("gopher_words"));
  CHECK(doc.score("gopher_words")->number == 50);
  CHECK(doc.score("gopher_stop_words")->number == 2);
  CHECK(doc.score("gopher_hash_ratio")->number == Approx(1.0 / 50));
  CHECK(doc.score("gopher_ellipsis_ratio")->number == Approx(1.0 / 50));
  CHECK(doc.score("gopher_mean_word_length")->number == Approx((3 + 3 + 3 + 47 * 5) / 50.0));
  CHECK(doc.score("list_shape")->number == 0);
}
