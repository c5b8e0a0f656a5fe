// A measure record reads back as the document it was written from: the same JSON line,
// the same origin and the model scores beside it.
#include <catch2/catch.hpp>

#include "common/errors.h"
#include "curation/decide/measure_record.h"

using namespace mucpt;

TEST_CASE("a measure record reads back as the document it was written from") {
  Document doc;
  doc.id = "post-7";
  doc.source = "forum";
  doc.text = "A line with \"quotes\", a tab\there,\nüñíçødé and 中文.";
  doc.meta_json = R"({"user":"a\"b","thread":{"id":3,"tags":["x","y"]},"n":null})";
  doc.set_score("privacy_hits", 2);
  doc.set_label("script", "Latn");
  doc.set_score("ratio", 0.1 + 0.2);  // needs every digit to read back
  doc.weight = 1.0;
  const std::string entering = document_to_json(doc);
  std::vector<Score> measured{{"lang", 0.0, "en"}, {"lang_p", 0.8765432109876543, ""}, {"music_p", 1e-7, ""}};
  const std::string line = measure_record_json(entering, 42, measured);

  Document back;
  back.measured.push_back({"stale", 1.0, ""});
  MeasureRecordReader reader;
  reader.parse(line, back, "measured/part-000000.jsonl.zst:1");
  CHECK(document_to_json(back) == entering);
  CHECK(back.line_number == 42);
  REQUIRE(back.measured.size() == 3);
  CHECK(back.measured_score("lang")->label == "en");
  CHECK(back.measured_score("lang_p")->number == 0.8765432109876543);
  CHECK(back.measured_score("music_p")->number == 1e-7);
  CHECK(back.measured_score("stale") == nullptr);
  CHECK(back.score("ratio")->number == 0.1 + 0.2);
}

TEST_CASE("a line that is not a measure record is refused with where it was") {
  MeasureRecordReader reader;
  Document doc;
  CHECK_THROWS_AS(reader.parse(R"({"id":"x","source":"s"})", doc, "measured/part-000003.jsonl.zst:17"), IoError);
  CHECK_THROWS_WITH(reader.parse("not json", doc, "measured/part-000003.jsonl.zst:17"),
                    Catch::Contains("measured/part-000003.jsonl.zst:17") && Catch::Contains("not a measure record"));
}
