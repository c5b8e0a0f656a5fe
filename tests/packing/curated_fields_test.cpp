// What packing reads from a curated document line: text (unescaped), id (a string, or a
// number as its JSON text) and weight, from lines with and without padding after them.
#include "tests/catch.h"

#include <string>

#include "common/document.h"
#include "curation/packing/curated_fields.h"

using namespace mucpt;

TEST_CASE("the fields of a line document_to_json wrote") {
  Document doc;
  doc.id = "doc-7";
  doc.source = "news";
  doc.text = "a \"quoted\" line\nand a second, caf\xc3\xa9";
  doc.meta_json = R"({"text":"not this one","weight":9})";
  doc.weight = 1.75;
  const std::string line = document_to_json(doc);
  CuratedFields fields;
  std::string detail;
  REQUIRE(fields.read(line, 0, detail));  // unpadded: copied
  CHECK(fields.text() == doc.text);
  CHECK(fields.id() == "doc-7");
  REQUIRE(fields.weight());
  CHECK(*fields.weight() == 1.75);

  std::string padded = line + std::string(64, ' ');
  REQUIRE(fields.read(std::string_view(padded.data(), line.size()), padded.size(), detail));
  CHECK(fields.text() == doc.text);
}

TEST_CASE("a numeric id, a missing weight and lines that are not documents") {
  CuratedFields fields;
  std::string detail;
  REQUIRE(fields.read(R"({"id": 42 , "text":"t"})", 0, detail));
  CHECK(fields.id() == "42");
  CHECK(fields.text() == "t");
  CHECK_FALSE(fields.weight());
  REQUIRE(fields.read(R"({"text":"no id","weight":2})", 0, detail));
  CHECK(fields.id().empty());
  CHECK(*fields.weight() == 2.0);

  CHECK_FALSE(fields.read(R"({"id":"x","text":7})", 0, detail));
  CHECK(detail == "field 'text' is not a string");
  CHECK_FALSE(fields.read(R"({"id":"x"})", 0, detail));
  CHECK_FALSE(detail.empty());
  CHECK_FALSE(fields.read(R"(["text"])", 0, detail));
  CHECK_FALSE(fields.read(R"({"text":"cut)", 0, detail));
}
