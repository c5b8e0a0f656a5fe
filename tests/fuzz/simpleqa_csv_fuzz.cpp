// The SimpleQA CSV loader (CSV records, the metadata column's Python literal) on
// arbitrary files: BenchmarkError or items with non-empty, trimmed questions and
// answers and ids in row order.
#include <string>

#include "common/benchmark/benchmark.h"
#include "tests/fuzz/fuzz_support.h"

using namespace mucpt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = fuzz::write_file("simple_qa.csv", data, size);
  std::vector<BenchmarkItem> items;
  try {
    items = load_benchmark(path);
  } catch (const BenchmarkError&) {
    return 0;
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const BenchmarkItem& item = items[i];
    if (item.question.empty() || item.answer.empty()) fuzz::fail("empty question or answer");
    if (item.question.front() == ' ' || item.answer.back() == ' ') fuzz::fail("question or answer not trimmed");
    if (item.id != "simpleqa-" + std::to_string(i + 1)) fuzz::fail("ids not in row order");
  }
  return 0;
}
