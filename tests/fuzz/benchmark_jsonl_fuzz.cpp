// The benchmark JSONL loader on arbitrary files: BenchmarkError or items whose
// question and answer are non-empty and trimmed and whose ids are unique.
#include <set>
#include <string>

#include "common/benchmark/benchmark.h"
#include "tests/fuzz/fuzz_support.h"

using namespace mucpt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = fuzz::write_file("qa.jsonl", data, size);
  std::vector<BenchmarkItem> items;
  try {
    items = load_benchmark(path);
  } catch (const BenchmarkError&) {
    return 0;
  }
  std::set<std::string> ids;
  for (const BenchmarkItem& item : items) {
    if (item.question.empty() || item.answer.empty()) fuzz::fail("empty question or answer");
    if (item.question.front() == ' ' || item.answer.back() == ' ') fuzz::fail("question or answer not trimmed");
    if (!ids.insert(item.id).second) fuzz::fail("duplicate id");
  }
  return 0;
}
