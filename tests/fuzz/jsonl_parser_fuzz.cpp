// JSONL parsing: any line gives a status and never a crash; a line that parses gives
// valid UTF-8 text and a meta object that is valid JSON; the copying path (a line
// without simdjson's padding) and the in-place path agree.
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <string>

#include "common/jsonl_parser.h"
#include "common/unicode.h"
#include "tests/fuzz/fuzz_support.h"

using namespace mucpt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static JsonlParser copying("text", "id"), in_place("text", "id");
  const std::string_view line(reinterpret_cast<const char*>(data), size);

  Document doc;
  std::string detail;
  const ParseStatus status = copying.parse(line, doc, detail);

  std::string padded(line);
  padded.resize(size + simdjson::SIMDJSON_PADDING, ' ');
  Document doc2;
  std::string detail2;
  const ParseStatus status2 = in_place.parse(std::string_view(padded.data(), size), padded.size(), doc2, detail2);

  if (status != status2 || detail != detail2) fuzz::fail("padded and unpadded lines parse differently");
  if (status == ParseStatus::ok) {
    if (doc.text != doc2.text || doc.id != doc2.id || doc.meta_json != doc2.meta_json)
      fuzz::fail("padded and unpadded lines give different documents");
    if (!is_valid_utf8(doc.text) || !is_valid_utf8(doc.id)) fuzz::fail("text or id is not valid UTF-8");
    try {
      if (!nlohmann::json::parse(doc.meta_json).is_object()) fuzz::fail("meta_json is not a JSON object");
    } catch (const nlohmann::json::out_of_range&) {
      // A number beyond a double: valid JSON, kept as written, that nlohmann does not read.
    } catch (const nlohmann::json::parse_error&) {
      fuzz::fail("meta_json is not valid JSON");
    }
  }
  return 0;
}
