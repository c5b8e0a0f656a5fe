// Measure records read back as written, and a unit's records reach the documents of
// their lines only.
#include "tests/catch.h"

#include "common/errors.h"
#include "common/line_writer.h"
#include "curation/decide/measure_record.h"
#include "tests/test_support.h"

using namespace mucpt;

namespace {
// Two stages' entries (name and key), each followed by its values.
const std::vector<Score> kMeasured{{"langid", 9007199254740991.0, ""}, {"", 0.0, "en"},
                                   {"", 0.8765432109876543, ""},      {"classifier", 17.0, ""},
                                   {"", 1e-7, ""},                    {"", 0.1 + 0.2, ""}};  // every digit reads back

void check_same(const std::vector<Score>& a, const std::vector<Score>& b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].name == b[i].name);
    CHECK(a[i].label == b[i].label);
    CHECK(a[i].number == b[i].number);
  }
}
}  // namespace

TEST_CASE("a measure record reads back as written") {
  const std::string line = measure_record_json(42, kMeasured);
  uint64_t input_line = 0;
  std::vector<Score> back{{"stale", 1.0, ""}};
  parse_measure_record(line, input_line, back, "measured/part-000000.jsonl.zst:1");
  CHECK(input_line == 42);
  check_same(back, kMeasured);
}

TEST_CASE("a unit's records go to the documents of their lines, others get none") {
  const std::string path = testing::scratch_dir("measure_records") + "/part-000000.jsonl.zst";
  {
    LineWriter out(path);
    out.write_line(measure_record_json(3, kMeasured));
    out.write_line(measure_record_json(7, {{"fineweb", 1.0, ""}, {"", 1.0, ""}}));
    out.write_line(measure_record_json(9, kMeasured));
    out.commit();
  }
  MeasureRecords records(path);
  Document doc;
  for (uint64_t line : {2, 3, 5, 7, 10, 11}) {
    doc.line_number = line;
    doc.measured = {{"stale", 1.0, ""}};
    records.fill(doc);
    INFO(line);
    if (line == 3) check_same(doc.measured, kMeasured);
    else if (line == 7) CHECK(doc.measured.size() == 2);
    else CHECK(doc.measured.empty());  // line 9 was passed over: its document went earlier
  }
}

TEST_CASE("a line that is not a measure record is refused with where it was") {
  uint64_t line = 0;
  std::vector<Score> measured;
  CHECK_THROWS_AS(parse_measure_record(R"({"id":"x"})", line, measured, "measured/part-000003.jsonl.zst:17"), IoError);
  CHECK_THROWS_WITH(parse_measure_record("not json", line, measured, "measured/part-000003.jsonl.zst:17"),
                    Catch::Contains("measured/part-000003.jsonl.zst:17") && Catch::Contains("not a measure record"));
}
