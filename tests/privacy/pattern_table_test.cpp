#include "tests/catch.h"

#include "curation/privacy/pattern_table.h"
#include "tests/privacy/privacy_test_util.h"

using namespace mucpt;
using mucpt::testing::parse_marked;
using mucpt::testing::scan_all;

TEST_CASE("every pattern row compiles alone and the whole table compiles together") {
  for (uint32_t r = 0; r < pattern_table().size(); ++r) {
    INFO("row " << r << ": " << pattern_table()[r].regex);
    CHECK_NOTHROW(PiiScanner({r}, {}));
  }
  CHECK_NOTHROW(PiiScanner::for_types(mucpt::testing::all_types(), {}));
}

TEST_CASE("every row has examples of both kinds") {
  for (const PatternRow& row : pattern_table()) {
    INFO(row.regex);
    CHECK(!row.masked.empty());
    CHECK(!row.untouched.empty());
  }
}

TEST_CASE("every example to mask is masked, by its own row and by the whole table") {
  for (uint32_t r = 0; r < pattern_table().size(); ++r) {
    const PatternRow& row = pattern_table()[r];
    PiiScanner alone({r}, {});
    for (const std::string& example : row.masked) {
      const auto marked = parse_marked(example);
      INFO("row " << r << " (" << pii_type_name(row.type) << "): \"" << example << "\"");
      std::vector<PiiMatch> own;
      alone.scan(marked.text, own);
      REQUIRE(own.size() == 1);
      CHECK(own[0].mask_start == marked.start);
      CHECK(own[0].mask_end == marked.end);

      // With every pattern, that span and nothing else, under the row's type.
      auto all = scan_all(marked.text);
      REQUIRE(all.size() == 1);
      CHECK(all[0].type == row.type);
      CHECK(all[0].mask_start == marked.start);
      CHECK(all[0].mask_end == marked.end);
    }
  }
}

TEST_CASE("no example to leave is masked as its row's type") {
  for (uint32_t r = 0; r < pattern_table().size(); ++r) {
    const PatternRow& row = pattern_table()[r];
    PiiScanner alone({r}, {});
    for (const std::string& example : row.untouched) {
      INFO("row " << r << " (" << pii_type_name(row.type) << "): \"" << example << "\"");
      std::vector<PiiMatch> own;
      alone.scan(example, own);
      CHECK(own.empty());
      for (const PiiMatch& m : scan_all(example)) {
        INFO("masked as " << pii_type_name(m.type) << ": " << example.substr(m.mask_start, m.mask_end - m.mask_start));
        CHECK(m.type != row.type);
      }
    }
  }
}
