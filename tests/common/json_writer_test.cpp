#include "tests/catch.h"
#include <nlohmann/json.hpp>

#include "common/json_writer.h"
#include "common/unicode.h"

using namespace mucpt;

TEST_CASE("strings are escaped so that a JSON parser reads them back unchanged") {
  std::string tricky = std::string("quote \" backslash \\ newline \n tab \t bell \x07 nul ") + '\0' + " end é 音乐 🎵";
  std::string out;
  append_json_string(out, tricky);
  CHECK(nlohmann::json::parse(out).get<std::string>() == tricky);
  CHECK(out.find('\n') == std::string::npos);
}

TEST_CASE("invalid UTF-8 is repaired with U+FFFD so the output stays valid") {
  std::string bad = "ok \xC3\x28 and \xFF and truncated \xE6\x97";
  std::string out;
  append_json_string(out, bad);
  CHECK(is_valid_utf8(out));
  CHECK(nlohmann::json::parse(out).get<std::string>() == "ok \xEF\xBF\xBD( and \xEF\xBF\xBD and truncated \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("JsonWriter builds nested objects with numbers that round-trip") {
  std::string out;
  JsonWriter w(out);
  w.begin_object().field("a", 1).field("pi", 3.141592653589793).field("s", "x");
  w.key("list").begin_array().value(int64_t(-5)).value(true).null().end_array();
  w.key("raw").raw("{\"k\":[1,2]}");
  w.end_object();
  auto j = nlohmann::json::parse(out);
  CHECK(j["a"] == 1);
  CHECK(j["pi"].get<double>() == 3.141592653589793);
  CHECK(j["list"] == nlohmann::json::parse("[-5,true,null]"));
  CHECK(j["raw"]["k"][1] == 2);
}
