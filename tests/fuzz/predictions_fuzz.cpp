// The predictions reader on arbitrary files: BenchmarkError, or an answer for every
// string id and question that a line gave.
#include <nlohmann/json.hpp>

#include <string>

#include "common/line_reader.h"
#include "evaluation/predictions.h"
#include "tests/fuzz/fuzz_support.h"

using namespace mucpt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = fuzz::write_file("predictions.jsonl", data, size);
  try {
    Predictions predictions(path);
    LineReader lines(path);
    std::string_view line;
    while (lines.next(line)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (!j.is_object()) continue;
      BenchmarkItem item;
      if (auto id = j.find("id"); id != j.end() && id->is_string()) {
        item.id = id->get<std::string>();
        if (!predictions.find(item)) fuzz::fail("an id's answer is not found");
      }
      if (auto q = j.find("question"); q != j.end() && q->is_string()) {
        item.question = q->get<std::string>();
        if (!predictions.find(item)) fuzz::fail("a question's answer is not found");
      }
    }
  } catch (const BenchmarkError&) {
  }
  return 0;
}
