#include "tests/catch.h"

#include "curation/stage_registry.h"
#include "curation/stages/length_filter.h"
#include "curation/stages/text_cleaner.h"
#include "curation/stages/unicode_normalizer.h"

using namespace mucpt;

namespace {
std::string cleaned(const std::string& in) {
  std::string out;
  TextCleaner::clean(in, out);
  return out;
}
}  // namespace

TEST_CASE("control and invisible characters are removed") {
  CHECK(cleaned("a\x01" "b\x7f" "c") == "abc");
  CHECK(cleaned("zero\xE2\x80\x8Bwidth") == "zerowidth");      // U+200B
  CHECK(cleaned("\xEF\xBB\xBF" "bom first") == "bom first");   // U+FEFF
  CHECK(cleaned("soft\xC2\xADhyphen") == "softhyphen");        // U+00AD
  CHECK(cleaned("family \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9") ==
        "family \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9");  // ZWJ kept inside emoji
}

TEST_CASE("whitespace is tidied line by line") {
  CHECK(cleaned("  lead and trail  ") == "lead and trail");
  CHECK(cleaned("many   spaces\tand\ttabs") == "many spaces and tabs");
  CHECK(cleaned("crlf\r\nline\rcr") == "crlf\nline\ncr");
  CHECK(cleaned("para one\n\n\n\n\npara two") == "para one\n\npara two");
  CHECK(cleaned("no\xC2\xA0" "break\xE3\x80\x80" "ideographic") == "no break ideographic");
  CHECK(cleaned("line \n  indented") == "line\nindented");
  CHECK(cleaned("\n\n\n") == "");
}

TEST_CASE("track-list lines survive cleaning unchanged") {
  std::string tracks = "1. Opening Song 3:45\n2. Second Song 4:02\nProducer: Jane Doe";
  CHECK(cleaned(tracks) == tracks);
}

TEST_CASE("the normalizer composes to NFC and counts changed documents") {
  UnicodeNormalizer stage;
  Document doc;
  doc.text = "Sigur Ro\xCC\x81s";
  CHECK(stage.process(doc).keep());
  CHECK(doc.text == "Sigur R\xC3\xB3s");
}

TEST_CASE("characters are counted across 8-byte words") {
  CHECK(count_characters("") == 0);
  CHECK(count_characters("abcdefghij") == 10);
  CHECK(count_characters("音乐音乐音乐音乐") == 8);  // 24 bytes
  CHECK(count_characters("a音b乐c🎸d") == 7);
}

TEST_CASE("the length filter counts characters, not bytes") {
  LengthFilter filter(LengthOptions{5, 10});
  Document doc;
  doc.text = "音乐音乐音";  // 5 characters, 15 bytes
  CHECK(filter.process(doc).keep());
  doc.text = "音乐";
  CHECK(std::string(filter.process(doc).reject_reason) == "too_short");
  doc.text = "";
  CHECK(std::string(filter.process(doc).reject_reason) == "empty_text");
  doc.text = "this is far too long";
  CHECK(std::string(filter.process(doc).reject_reason) == "too_long");
}

TEST_CASE("the length filter keeps its count, and other limits decide on it as on the text") {
  const std::vector<std::string> texts = {"", "音乐", "音乐音乐音", "this is far too long", "exactly 12 c"};
  for (const LengthOptions& limits : {LengthOptions{5, 10}, LengthOptions{0, 0}, LengthOptions{3, 12},
                                      LengthOptions{12, 0}, LengthOptions{1, 5}}) {
    LengthFilter measuring(LengthOptions{5, 10}), other(limits);
    for (const std::string& text : texts) {
      INFO(text << " with " << limits.min_chars << ".." << limits.max_chars);
      Document doc;
      doc.text = text;
      measuring.process(doc);
      const std::optional<Verdict> stored = other.decide_on_measures(doc);
      REQUIRE(stored.has_value());
      Document fresh;
      fresh.text = text;
      const Verdict direct = other.process(fresh);
      CHECK(stored->keep() == direct.keep());
      if (!direct.keep()) CHECK(std::string(stored->reject_reason) == direct.reject_reason);
    }
  }
  CHECK(is_threshold_option("length.min_chars"));
  CHECK(is_threshold_option("length.max_chars"));
}

TEST_CASE("cleaning is idempotent and keeps every visible character, on random mixes") {
  const std::vector<std::string> pieces = {"a", "Bc", " ", "  ", "\t", "\n", "\r\n", "\r", "\xE2\x80\x8B", "\xC2\xA0",
                                           "\xE9\x9F\xB3", ".", "\x01", "\xE3\x80\x80", "\xF0\x9F\x8E\xB8"};
  uint64_t state = 12345;
  for (int trial = 0; trial < 2000; ++trial) {
    std::string text, visible;
    int len = static_cast<int>(state % 40);
    for (int k = 0; k < len; ++k) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const std::string& piece = pieces[(state >> 33) % pieces.size()];
      text += piece;
      if (piece == "a" || piece == "Bc" || piece == "." || piece == "\xE9\x9F\xB3" || piece == "\xF0\x9F\x8E\xB8")
        visible += piece;
    }
    std::string once = cleaned(text);
    INFO(text);
    CHECK(cleaned(once) == once);
    std::string once_visible;
    for (size_t i = 0; i < once.size(); ++i)
      if (once[i] != ' ' && once[i] != '\n') once_visible += once[i];
    CHECK(once_visible == visible);
    CHECK(once.find("  ") == std::string::npos);
    CHECK(once.find("\n\n\n") == std::string::npos);
  }
}
