#pragma once
// The de-duplication settings (section `dedup.` of the configuration).
#include <string>

#include "common/config.h"
#include "curation/dedup/dedup_record.h"

namespace mucpt {

struct DedupOptions {
  bool enabled = true;
  bool exact = true, near = true;
  bool drop_all_copies = false;  // exact groups: drop every copy instead of keeping one
  int bands = 20, rows = 5;
  int shingle_size = 5;
  double threshold = 0.7;  // estimated Jaccard at which a candidate pair is a duplicate
  std::string keep_rule = "priority";  // id | priority | score | priority_then_score | score_then_priority
  std::string keep_score;              // the score used by the score rules, e.g. music_p
  uint64_t seed = 42;
  size_t max_bucket_pairs = 64;  // larger LSH buckets are compared star-wise
  int band_passes = 6;           // exchanges per band: more passes, less memory per rank
  RecordLayout layout() const { return {bands, bands * rows}; }
};

void register_dedup_options(Config& config);
DedupOptions dedup_options(const Config& config);

}  // namespace mucpt
