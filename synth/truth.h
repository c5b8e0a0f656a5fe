#pragma once
// Ground truth of a generated world, under DIR/truth/: what every source line is,
// where each PII value sits, the near-duplicate clusters, the corrupted facts, the
// documents that quote benchmark questions, and a summary of the counts.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/line_writer.h"
#include "synth/corruptions.h"
#include "synth/document.h"
#include "synth/sources.h"

namespace mucpt::synth {

struct DocRecord {
  std::string file;  // relative to DIR
  uint64_t line = 0;  // 1-based
  std::string id;     // empty: null (a malformed line whose id cannot be recovered)
  Source source = Source::general;
  std::string kind;   // clean|exact_duplicate|near_duplicate|boilerplate|spam|offdomain|corrupted|malformed
  std::string style;
  std::string lang;
  std::string entity_id;
  std::string malformed_reason;
  std::string malformed_detail;  // "number", "array", "null" for non_string_text
  std::string duplicate_of;
  int64_t cluster = -1;
  std::string planted_question;
  std::vector<std::string> boilerplate_lines;  // appended furniture a cleaner should strip
  size_t pii_count = 0;
};

struct NearDuplicateCopy {
  std::string id;
  double jaccard;  // word 5-gram Jaccard with the original (see synth/shingles.h)
};

class TruthWriter {
 public:
  explicit TruthWriter(const std::string& dir);

  void document(const DocRecord& r);
  void pii(const std::string& id, Source source, const Doc& doc);
  void cluster(int64_t cluster, Source source, const std::string& original,
               const std::vector<NearDuplicateCopy>& copies);
  void corrupted(const std::string& id, Source source, const std::string& entity_id, const FactCorruption& c);
  void planted(const std::string& question_id, const std::string& doc_id);

  // Writes summary.json (counts plus the given top-level fields, already JSON) and
  // commits every truth file.
  void commit(const std::vector<std::pair<std::string, std::string>>& extra_fields);

 private:
  std::string dir_;
  LineWriter documents_, pii_, clusters_, corrupted_, planted_;
  std::map<std::string, uint64_t> kinds_, sources_, pii_types_, malformed_reasons_;
  std::map<std::string, std::map<std::string, uint64_t>> source_kinds_;
  uint64_t lines_ = 0, pii_docs_ = 0, clusters_written_ = 0, near_pairs_ = 0, near_pairs_high_ = 0;
  uint64_t corrupted_count_ = 0, planted_count_ = 0, zh_lines_ = 0;
};

}  // namespace mucpt::synth
