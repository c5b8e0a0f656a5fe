#pragma once
// Model answers to grade, from a JSONL file of {"id" and/or "question", "predicted"}
// lines (plain, .gz or .zst), as other harnesses write them. Every line is accounted
// for: blank, used, or refused with its reason. A used line is UTF-8, a JSON object
// whose "predicted" is a string (or null: no answer) and answers exactly one item of
// the benchmark, by its id when that is the benchmark's, else by its question. A line
// that is not UTF-8, not JSON, not an object, lacks "predicted" or an id/question,
// answers no item, asks a question several items share, or is a second line for an
// item is refused with a message naming the file, the line and the reason. The whole
// file is read either way, so that every refused line is reported at once.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/benchmark/benchmark.h"

namespace mucpt {

struct RefusedPrediction {
  uint64_t line;
  std::string reason;   // a short code, counted: "second_prediction", "not_in_benchmark", ...
  std::string message;  // "<path>:<line>: a second prediction for item '7' (the first is on line 2)"
};

class Predictions {
 public:
  // benchmark: every item of the file, before any topic filter or limit, so that a
  // line for an item left out of this run is counted, not refused.
  Predictions(const std::string& path, const std::vector<BenchmarkItem>& benchmark);
  // The answer given for an item, by the item's id; nullptr if none. A null or
  // blank "predicted" is an empty answer: graded NOT_ATTEMPTED.
  const std::string* find(const std::string& item_id) const;
  size_t rows() const { return answers_.size(); }  // lines used, one per item answered
  uint64_t refused() const { return refused_; }  // lines refused
  // The first 1,000 refused lines, in file order.
  const std::vector<RefusedPrediction>& first_refused() const { return first_refused_; }

  // {"file", "lines" (all read), "blank", "used", "empty_answers", "refused",
  //  "refused_by_reason": {code: count}, "refused_lines": [{"line", "reason", "message"}]}
  // with lines = blank + used + refused; refused_lines lists first_refused().
  nlohmann::json accounting() const;

 private:
  void refuse(uint64_t line, const std::string& reason, const std::string& message);

  std::string path_;
  uint64_t lines_ = 0, blank_ = 0, empty_answers_ = 0, refused_ = 0;
  std::unordered_map<std::string, std::string> answers_;  // item id -> answer
  std::map<std::string, uint64_t> refused_by_reason_;
  std::vector<RefusedPrediction> first_refused_;
};

}  // namespace mucpt
