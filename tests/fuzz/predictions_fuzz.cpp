// The predictions reader on arbitrary files, against a small benchmark: every line is
// blank, used (one answer per item) or refused, and when none is refused each line's
// answer is found again by the id of the item it names.
#include <nlohmann/json.hpp>

#include <string>

#include "common/line_reader.h"
#include "evaluation/predictions.h"
#include "tests/fuzz/fuzz_support.h"

using namespace mucpt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<BenchmarkItem> benchmark = {
      {"q1", "Who recorded Kind of Blue?", "Miles Davis", {}, "Music", ""},
      {"7", "q", "a", {}, "", ""},
      {"y", "In which year?", "1959", {}, "", ""}};
  const std::string path = fuzz::write_file("predictions.jsonl", data, size);
  Predictions predictions(path, benchmark);
  LineReader lines(path);
  std::string_view line;
  size_t rows = 0;
  while (lines.next(line)) {
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++rows;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (auto id = j.find("id"); predictions.refused() == 0 && j.is_object() && id != j.end() && id->is_string())
      for (const BenchmarkItem& item : benchmark)
        if (item.id == id->get<std::string>() && !predictions.find(item.id)) fuzz::fail("an id's answer is not found");
  }
  if (predictions.rows() + predictions.refused() != rows) fuzz::fail("a non-blank line neither used nor refused");
  if (predictions.accounting()["lines"] != predictions.accounting()["blank"].get<uint64_t>() + rows)
    fuzz::fail("lines are not blank + used + refused");
  return 0;
}
