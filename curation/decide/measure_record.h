#pragma once
// A run's measures: every document as it enters the deciding stages (its text, scores
// and origin) with the model scores those stages measured on it, one JSON line each in
// measured/part-NNNNNN.jsonl.zst. `curate decide` replays the deciding stages on them
// with other thresholds, without parsing, cleaning, masking or running a model again.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.h"

namespace mucpt {

// The line for a document: `entering` is document_to_json of it as the deciding stages
// received it, `line` its input line, `measured` the model scores those stages added.
std::string measure_record_json(std::string entering, uint64_t line, const std::vector<Score>& measured);

class MeasureRecordReader {
 public:
  MeasureRecordReader();
  ~MeasureRecordReader();
  // Fills id, source, text, meta_json, scores, weight, line_number and measured. A line
  // that is not a measure record throws IoError naming `where`.
  void parse(std::string_view line, Document& doc, const std::string& where);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mucpt
