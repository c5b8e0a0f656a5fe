// C4 and FineWeb rules: each reason at and around its threshold, the line filters, the
// sentence counter, and prose-shape rules stepping aside for list-structured text.
#include "tests/catch.h"

#include "curation/quality/c4_filter.h"
#include "curation/quality/fineweb_filter.h"
#include "curation/quality/text_lines.h"
#include "tests/quality/quality_test_util.h"

using namespace mucpt;
using quality_test::han;
using quality_test::reason;
using quality_test::words;

namespace {

// n sentences of six words, on one line.
std::string sentences(size_t n, size_t first = 0) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += (i ? " " : "") + std::string("The ") + words(5, 5, first + 5 * i) + ".";
  return out;
}

const char* kTracklist =
    "Velvet Lanterns - Harbour Lights (1998)\n"
    "Released: 1998\n"
    "Label: Quiet Signal Recordings\n"
    "1. Opening Song 3:45\n"
    "2. Second Song 4:02\n"
    "3. Third Song 5:10\n"
    "4. Closing Song 6:31\n"
    "Producer: Jane Doe";

}  // namespace

TEST_CASE("sentences are counted as a sentence splitter counts them") {
  CHECK(count_sentences("One. Two! Three?") == 3);
  CHECK(count_sentences("no full stop at the end") == 1);
  CHECK(count_sentences("It costs 3.5 dollars in the U.S. today.") == 2);  // "U.S. today" ends one
  CHECK(count_sentences("He said \"stop.\" Then left.") == 2);
  CHECK(count_sentences("trailing off... and back. Done") == 2);
  CHECK(count_sentences("Wait... What?") == 2);
  CHECK(count_sentences("...") == 0);
  CHECK(count_sentences("1. Opening Song 3:45") == 1);
  CHECK_FALSE(holds_sentence_end("1. Opening Song 3:45"));
  CHECK(count_sentences("\xE4\xB8\x80\xE3\x80\x82\xE4\xBA\x8C\xEF\xBC\x81\xE4\xB8\x89") == 3);  // 一。二！三
  CHECK(holds_sentence_end("one sentence. then more"));
  CHECK_FALSE(holds_sentence_end("Home News Contact"));
}

TEST_CASE("c4: at least five sentences, in prose") {
  C4Filter filter(C4Options{}, ShapeOptions{}, 0.3);
  CHECK(reason(filter, sentences(5).c_str()) == "");
  CHECK(reason(filter, sentences(4).c_str()) == "too_few_sentences");
  CHECK(reason(filter, kTracklist) == "");  // a list has no sentences to count
  C4Options o;
  o.min_sentences = 0;
  C4Filter lenient(o, ShapeOptions{}, 0.3);
  CHECK(reason(lenient, sentences(1).c_str()) == "");
}

TEST_CASE("c4: lorem ipsum and curly brackets drop the document") {
  C4Filter filter(C4Options{}, ShapeOptions{}, 0.3);
  CHECK(reason(filter, (sentences(5) + "\nLorem Ipsum dolor sit amet.").c_str()) == "lorem_ipsum");
  CHECK(reason(filter, (sentences(5) + "\nvar x = {a: 1};").c_str()) == "curly_bracket");
  C4Options o;
  o.lorem_ipsum = o.curly_bracket = false;
  C4Filter lenient(o, ShapeOptions{}, 0.3);
  CHECK(reason(lenient, (sentences(5) + "\nLorem ipsum { dolor }.").c_str()) == "");
}

TEST_CASE("c4: javascript, policy and long-word lines are removed") {
  C4Filter filter(C4Options{}, ShapeOptions{}, 0.3);
  std::string text = sentences(5) + "\nPlease enable JavaScript to view the comments.\n"
                     "Read our Privacy Policy before you go.\nThis site uses cookies for analytics.\n" +
                     std::string(1001, 'x') + " is one long word.";
  CHECK(reason(filter, text) == "");
  CHECK(text == sentences(5));
}

TEST_CASE("c4: citation marks are cut out and paragraph breaks kept") {
  C4Filter filter(C4Options{}, ShapeOptions{}, 0.3);
  std::string text = sentences(3) + " It charted.[1][edit]\n\n" + sentences(2, 100) + "[citation needed]";
  CHECK(reason(filter, text) == "");
  CHECK(text == sentences(3) + " It charted.\n\n" + sentences(2, 100));
}

TEST_CASE("c4: the terminal-punctuation line filter, when switched on, applies to prose only") {
  C4Options o;
  o.terminal_punct = true;
  C4Filter filter(o, ShapeOptions{}, 0.3);
  std::string text = "A Heading Without A Stop\n" + sentences(5) + "\nA line that trails off...\n" +
                     "He said \"it is over.\"\nTo";
  CHECK(reason(filter, text) == "");
  CHECK(text == sentences(5) + "\nHe said \"it is over.\"");
  CHECK(reason(filter, ("A Heading Without A Stop\n" + sentences(4)).c_str()) == "too_few_sentences");
  std::string tracks = kTracklist;
  CHECK(reason(filter, tracks) == "");
  CHECK(tracks == kTracklist);  // list lines are not prose lines
}

TEST_CASE("c4: CJK lines count characters as words and 。 as a sentence end") {
  C4Options o;
  o.terminal_punct = true;
  C4Filter filter(o, ShapeOptions{}, 0.3);
  std::string zh;
  for (int i = 0; i < 5; ++i) zh += han(10, 10 * i) + "\xE3\x80\x82";  // five sentences on one line
  CHECK(reason(filter, zh.c_str()) == "");
  std::string short_line = zh + "\n" + han(2, 200) + "\xE3\x80\x82";  // two characters: too few words
  CHECK(reason(filter, short_line) == "");
  CHECK(short_line == zh);
  // A paragraph of 1,010 characters without a space is 1,010 words, none of them long.
  std::string paragraph;
  for (int i = 0; i < 101; ++i) paragraph += han(9, 9 * i) + "\xE3\x80\x82";
  std::string long_paragraph = zh + "\n" + paragraph;
  CHECK(reason(filter, long_paragraph) == "");
  CHECK(long_paragraph == zh + "\n" + paragraph);
}

TEST_CASE("fineweb: share of punctuated lines") {
  FineWebFilter filter(FineWebOptions{}, ShapeOptions{}, 0.3);
  auto doc = [](size_t lines, size_t punctuated) {
    std::string out;
    for (size_t i = 0; i < lines; ++i) out += (i ? "\n" : "") + words(16, 5, 20 * i) + (i < punctuated ? "." : "");
    return out;
  };
  CHECK(reason(filter, doc(10, 2).c_str()) == "");  // 0.2
  CHECK(reason(filter, doc(10, 1).c_str()) == "line_punct_ratio");  // 0.1 <= 0.12
  // A paragraph whose last sentence lacks its stop still holds sentences.
  std::string forum = words(8) + ". " + words(8, 5, 10) + "\n" + words(8, 5, 20) + "! " + words(8, 5, 30);
  CHECK(reason(filter, forum) == "");
  FineWebOptions o;
  o.line_punct_exclude_zero = true;
  FineWebFilter lenient(o, ShapeOptions{}, 0.3);
  CHECK(reason(lenient, doc(10, 0).c_str()) == "");
}

TEST_CASE("fineweb: share of short lines, in prose") {
  FineWebFilter filter(FineWebOptions{}, ShapeOptions{}, 0.3);
  const std::string long_line = "The " + words(10) + ".";
  const std::string other_long = "The " + words(10, 5, 50) + ".";
  auto text = [&](size_t short_lines) {
    std::string out = long_line;
    const char* shorts[] = {"Yes, quite so.", "Indeed it is.", "Not at all."};
    for (size_t i = 0; i < short_lines; ++i) out += std::string("\n") + shorts[i];
    if (short_lines < 2) out += "\n" + other_long;
    return out;
  };
  CHECK(reason(filter, text(1).c_str()) == "");                   // 1 of 3
  CHECK(reason(filter, text(2).c_str()) == "");                   // 2 of 3 is below 0.67
  CHECK(reason(filter, text(3).c_str()) == "short_line_ratio");   // 3 of 4
  CHECK(reason(filter, kTracklist) == "");
}

TEST_CASE("fineweb: characters in duplicated lines") {
  FineWebFilter filter(FineWebOptions{}, ShapeOptions{}, 0.3);
  const std::string body = "The " + words(30) + ".";
  const std::string repeated = "The chorus comes back again.";
  const std::string text = body + "\n" + repeated + "\n" + repeated;
  const double share = static_cast<double>(repeated.size()) / static_cast<double>(body.size() + 2 * repeated.size());
  REQUIRE(share >= 0.1);
  CHECK(reason(filter, text.c_str()) == "char_dup_ratio");
  FineWebOptions o;
  o.char_dup_share = share + 1e-9;
  FineWebFilter above(o, ShapeOptions{}, 0.3);
  CHECK(reason(above, text.c_str()) == "");
}

TEST_CASE("fineweb: line breaks per word, in prose") {
  FineWebOptions o;
  o.short_line_share = 0;  // these lines are all short
  FineWebFilter filter(o, ShapeOptions{}, 0.3);
  CHECK(reason(filter, "One two.\nThree four.\nFive.\nSix.") == "");  // 3 breaks, 10 tokens: 0.3
  CHECK(reason(filter, "One two.\nThree.\nFour.\nFive.") == "list_ratio");  // 3 breaks, 9 tokens
}

TEST_CASE("fineweb: measures are kept in scores") {
  FineWebFilter filter(FineWebOptions{}, ShapeOptions{}, 0.3);
  Document doc;
  doc.text = kTracklist;
  CHECK(filter.process(doc).keep());
  CHECK(doc.score("fineweb_line_punct")->number == 0);
  CHECK(doc.score("fineweb_short_lines")->number > 0.5);
  CHECK(doc.score("fineweb_char_dup")->number == 0);
  REQUIRE(doc.score("fineweb_newline_ratio"));
}
