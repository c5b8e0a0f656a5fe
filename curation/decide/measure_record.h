#pragma once
// A run's measures: for every document that entered the deciding stages, what those
// stages measured on it (Document::measured, see common/measure_cache.h) with its input
// line, one JSON line each in measured/part-NNNNNN.jsonl.zst:
//   {"line":12,"measured":{"langid":[key,"en",0.97],"gopher_quality":[key,312,4.9,...],...}}
// `curate decide` runs the unit again with these at hand, so that a stage measuring
// the same text the same way takes its stored values instead of measuring again.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.h"

namespace mucpt {

std::string measure_record_json(uint64_t line, const std::vector<Score>& measured);

// Reads a unit's measure records in order and hands each document the record of its
// line (a document without one gets none).
class MeasureRecords {
 public:
  explicit MeasureRecords(std::string path);
  ~MeasureRecords();
  // Sets doc.measured from the record of doc.line_number; lines only increase. A missing
  // file, or a line that is not a measure record, throws UserError naming the file and
  // the line.
  void fill(Document& doc);
  // The next record in order: its input line, its measures and the record as written;
  // false after the last. Errors as fill's.
  bool next_record(uint64_t& input_line, std::vector<Score>& measured, std::string& raw);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Parses one record (exposed for tests). Throws IoError naming `where`.
void parse_measure_record(std::string_view line, uint64_t& input_line, std::vector<Score>& measured,
                          const std::string& where);

}  // namespace mucpt
