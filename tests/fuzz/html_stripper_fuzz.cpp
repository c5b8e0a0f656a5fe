// The HTML stripper on arbitrary bytes: never a crash, and from valid UTF-8 (what the
// parse stage lets through) valid UTF-8 text in NFC.
#include <string>

#include "common/unicode.h"
#include "curation/quality/html_stripper.h"
#include "tests/fuzz/fuzz_support.h"

using namespace mucpt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  std::string text;
  HtmlStripper::strip(html, text);
  if (is_valid_utf8(html)) {
    if (!is_valid_utf8(text)) fuzz::fail("valid UTF-8 HTML gave invalid UTF-8 text");
    std::string nfc;
    if (!nfc_normalize(text, nfc) || nfc != text) fuzz::fail("the text is not in NFC");
  }
  return 0;
}
