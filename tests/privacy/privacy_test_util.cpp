#include "tests/privacy/privacy_test_util.h"

namespace mucpt::testing {

MarkedExample parse_marked(std::string_view example) {
  static const std::string_view kOpen = "\xC2\xAB", kClose = "\xC2\xBB";  // « »
  MarkedExample out;
  size_t open = example.find(kOpen), close = example.find(kClose);
  if (open == std::string_view::npos || close == std::string_view::npos) {
    out.text = std::string(example);
    out.end = out.text.size();
    return out;
  }
  out.text = std::string(example.substr(0, open));
  out.start = out.text.size();
  out.text += example.substr(open + kOpen.size(), close - open - kOpen.size());
  out.end = out.text.size();
  out.text += example.substr(close + kClose.size());
  return out;
}

std::array<bool, kPiiTypeCount> all_types() {
  std::array<bool, kPiiTypeCount> all;
  all.fill(true);
  return all;
}

std::vector<PiiMatch> scan_all(std::string_view text, ValidationOptions options) {
  std::vector<PiiMatch> out;
  PiiScanner::for_types(all_types(), options).scan(text, out);
  return out;
}

}  // namespace mucpt::testing
