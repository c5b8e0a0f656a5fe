#pragma once
// Model answers to grade, from a JSONL file of {"id" or "question", "predicted"}
// lines (plain, .gz or .zst), as other harnesses write them. A line that names neither
// or lacks a string "predicted" is refused with its file and line.
#include <map>
#include <string>
#include <vector>

#include "evaluation/benchmark.h"

namespace mucpt {

class Predictions {
 public:
  explicit Predictions(const std::string& path);
  // The answer given for an item, by its id, else by its question; nullptr if none.
  const std::string* find(const BenchmarkItem& item) const;
  size_t size() const { return count_; }

 private:
  std::map<std::string, std::string> by_id_, by_question_;
  size_t count_ = 0;
};

}  // namespace mucpt
