#pragma once
// Model answers to grade, from a JSONL file of {"id" and/or "question", "predicted"}
// lines (plain, .gz or .zst), as other harnesses write them. Every line is accounted
// for: it must be UTF-8, a JSON object with a string "predicted", and answer exactly
// one item of the benchmark, by its id when that is the benchmark's, else by its
// question. A line that answers no item, or a second line for an item, is refused
// with the file, the line and the id or question (BenchmarkError).
#include <string>
#include <unordered_map>
#include <vector>

#include "evaluation/benchmark.h"

namespace mucpt {

class Predictions {
 public:
  // benchmark: every item of the file, before any topic filter or limit, so that a
  // line for an item left out of this run is counted, not refused.
  Predictions(const std::string& path, const std::vector<BenchmarkItem>& benchmark);
  // The answer given for an item, by the item's id; nullptr if none.
  const std::string* find(const std::string& item_id) const;
  size_t rows() const { return answers_.size(); }  // one per non-blank line

 private:
  std::unordered_map<std::string, std::string> answers_;  // item id -> answer
};

}  // namespace mucpt
