#pragma once
// The de-duplication settings (section `dedup.` of the configuration).
#include <string>

#include "common/config.h"
#include "common/declared_options.h"
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

  template <class Visitor>
  void visit(Visitor&& v) {
    v("dedup.enabled", enabled, "remove exact and near duplicates across all ranks");
    v("dedup.exact", exact, "remove exact duplicates (same cleaned text)");
    v("dedup.near", near, "remove near duplicates (MinHash LSH)");
    v("dedup.drop_all_copies", drop_all_copies, "exact groups: drop every copy instead of keeping one");
    v("dedup.bands", bands, "LSH bands (20 x 5 catches Jaccard 0.8 with probability 0.9996)");
    v("dedup.rows", rows, "LSH rows per band");
    v("dedup.shingle_size", shingle_size, "words (CJK: characters) per shingle");
    v("dedup.threshold", threshold, "estimated Jaccard at which a candidate pair counts as duplicate");
    v("dedup.keep_rule", keep_rule,
      "which copy survives: id | priority | score | priority_then_score | score_then_priority "
      "(ties: the lower global document id)");
    v("dedup.keep_score", keep_score, "score for the score rules, e.g. music_p");
    v("dedup.seed", seed, "MinHash seed, shared by all ranks");
    v("dedup.max_bucket_pairs", max_bucket_pairs, "LSH buckets larger than this are compared star-wise");
    v("dedup.band_passes", band_passes, "exchanges per LSH band; more passes hold fewer records per rank at once");
  }
};

void register_dedup_options(Config& config);
DedupOptions dedup_options(const Config& config);

}  // namespace mucpt
