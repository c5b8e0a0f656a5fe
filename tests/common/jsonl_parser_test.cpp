#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "common/jsonl_parser.h"

using namespace mucpt;

namespace {
ParseStatus parse(JsonlParser& p, const std::string& line, Document& doc) {
  std::string detail;
  return p.parse(line, doc, detail);
}
}  // namespace

TEST_CASE("a valid line gives id, text and every other field in meta") {
  JsonlParser p("text", "id");
  Document doc;
  REQUIRE(parse(p, R"({"id":"a1","text":"Hello \"world\" \u00e9","year":1994,"tags":["x",{"y":null}],"ok":true,"f":-1.5e3})", doc) == ParseStatus::ok);
  CHECK(doc.id == "a1");
  CHECK(doc.text == "Hello \"world\" \xC3\xA9");
  auto meta = nlohmann::json::parse(doc.meta_json);
  CHECK(meta == nlohmann::json::parse(R"({"year":1994,"tags":["x",{"y":null}],"ok":true,"f":-1.5e3})"));
}

TEST_CASE("field names come from the source: body and post_id") {
  JsonlParser p("body", "post_id");
  Document doc;
  REQUIRE(parse(p, R"({"post_id":17,"body":"text here","text":"not the text"})", doc) == ParseStatus::ok);
  CHECK(doc.id == "17");
  CHECK(doc.text == "text here");
  CHECK(nlohmann::json::parse(doc.meta_json)["text"] == "not the text");
}

TEST_CASE("every malformed line has its own reason") {
  JsonlParser p("text", "id");
  Document doc;
  CHECK(parse(p, "", doc) == ParseStatus::empty_line);
  CHECK(parse(p, "   ", doc) == ParseStatus::empty_line);
  CHECK(parse(p, R"({"id":"x","text":"unterminated)", doc) == ParseStatus::invalid_json);
  CHECK(parse(p, R"({"id":"x","text":"ok"} {"again":1})", doc) == ParseStatus::invalid_json);
  CHECK(parse(p, R"({"id":"x","text":"ok","meta":{"broken": [1,}})", doc) == ParseStatus::invalid_json);
  CHECK(parse(p, "{\"id\":\"x\",\"text\":\"bad \xFF byte\"}", doc) == ParseStatus::invalid_utf8);
  CHECK(parse(p, "[1,2,3]", doc) == ParseStatus::not_object);
  CHECK(parse(p, "\"just a string\"", doc) == ParseStatus::not_object);
  CHECK(parse(p, R"({"id":"x"})", doc) == ParseStatus::missing_text);
  CHECK(parse(p, R"({"id":"x","text":5})", doc) == ParseStatus::non_string_text);
  CHECK(parse(p, R"({"id":"x","text":["a"]})", doc) == ParseStatus::non_string_text);
  CHECK(parse(p, R"({"id":"x","text":null})", doc) == ParseStatus::non_string_text);
}

TEST_CASE("the parser's detail names the problem") {
  JsonlParser p("text", "id");
  Document doc;
  std::string detail;
  p.parse(R"({"id":"x"})", doc, detail);
  CHECK(detail == "no field 'text'");
}

TEST_CASE("a line parsed in place (with readable padding) equals a copied parse") {
  JsonlParser p("text", "id");
  std::string buffer = R"({"id":"a","text":"padded"})";
  size_t len = buffer.size();
  buffer.append(128, 'x');  // bytes after the line, as in the reader's buffer
  Document doc;
  std::string detail;
  REQUIRE(p.parse(std::string_view(buffer.data(), len), buffer.size(), doc, detail) == ParseStatus::ok);
  CHECK(doc.text == "padded");
}
