#pragma once
// Helpers shared by the privacy tests.
#include <string>
#include <string_view>
#include <vector>

#include "curation/privacy/pii_scanner.h"

namespace mucpt::testing {

// An example of the pattern table: the text without its «» marks, and the span the
// marks enclose (the whole text when there are none).
struct MarkedExample {
  std::string text;
  size_t start = 0, end = 0;
};
MarkedExample parse_marked(std::string_view example);

std::array<bool, kPiiTypeCount> all_types();
std::vector<PiiMatch> scan_all(std::string_view text, ValidationOptions options = {});

}  // namespace mucpt::testing
