#include "tests/catch.h"

#include "common/unicode.h"

using namespace mucpt;

TEST_CASE("UTF-8 validation rejects overlong, surrogate and truncated sequences") {
  CHECK(is_valid_utf8("plain ascii"));
  CHECK(is_valid_utf8("音乐 café 🎸"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xE9\x9F"));          // truncated
  CHECK(utf8_sequence_length("\xF0\x9F\x8E\xB8", 4) == 4);
  CHECK(utf8_sequence_length("\xF4\x90\x80\x80", 4) == 0);  // above U+10FFFF
}

TEST_CASE("repair replaces each bad byte and keeps good text") {
  CHECK(repair_utf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(repair_utf8("音乐") == "音乐");
}

TEST_CASE("NFC composes decomposed accents") {
  std::string decomposed = "Beyonce\xCC\x81";  // e + combining acute
  CHECK_FALSE(is_nfc_quick(decomposed));
  std::string out;
  REQUIRE(nfc_normalize(decomposed, out));
  CHECK(out == "Beyonc\xC3\xA9");
  CHECK(is_nfc_quick("plain text"));
}

TEST_CASE("the NFC quick check passes CJK and plain text and never passes text NFC would change") {
  CHECK(is_nfc_quick("音乐 and music, 2024"));
  CHECK(is_nfc_quick("\xEC\x9D\x8C\xEC\x95\x85"));  // Hangul syllables
  for (std::string s : {"e\xCC\x81", "\xE1\x84\x80\xE1\x85\xA1", "\xE2\x84\xAB", "\xEF\xA4\x80", "caf\xC3\xA9"}) {
    std::string normalized;
    REQUIRE(nfc_normalize(s, normalized));
    if (is_nfc_quick(s)) CHECK(normalized == s);
    if (normalized != s) CHECK_FALSE(is_nfc_quick(s));
  }
}
