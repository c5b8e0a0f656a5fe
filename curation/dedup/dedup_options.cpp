#include "curation/dedup/dedup_options.h"

#include "curation/dedup/minhash.h"

namespace mucpt {

void register_dedup_options(Config& config) {
  config.add_bool("dedup.enabled", true, "remove exact and near duplicates across all ranks");
  config.add_bool("dedup.exact", true, "remove exact duplicates (same cleaned text)");
  config.add_bool("dedup.near", true, "remove near duplicates (MinHash LSH)");
  config.add_bool("dedup.drop_all_copies", false, "exact groups: drop every copy instead of keeping one");
  config.add_int("dedup.bands", 20, "LSH bands (20 x 5 catches Jaccard 0.8 with probability 0.9996)");
  config.add_int("dedup.rows", 5, "LSH rows per band");
  config.add_int("dedup.shingle_size", 5, "words (CJK: characters) per shingle");
  config.add_double("dedup.threshold", 0.7, "estimated Jaccard at which a candidate pair counts as duplicate");
  config.add_string("dedup.keep_rule", "priority",
                    "which copy survives: id | priority | score | priority_then_score | score_then_priority "
                    "(ties: the lower global document id)");
  config.add_string("dedup.keep_score", "", "score for the score rules, e.g. music_p");
  config.add_int("dedup.seed", 42, "MinHash seed, shared by all ranks");
  config.add_int("dedup.max_bucket_pairs", 64, "LSH buckets larger than this are compared star-wise");
  config.add_int("dedup.band_passes", 6, "exchanges per LSH band; more passes hold fewer records per rank at once");
}

DedupOptions dedup_options(const Config& config) {
  DedupOptions o;
  o.enabled = config.get_bool("dedup.enabled");
  o.exact = config.get_bool("dedup.exact");
  o.near = config.get_bool("dedup.near");
  o.drop_all_copies = config.get_bool("dedup.drop_all_copies");
  o.bands = static_cast<int>(config.get_int("dedup.bands"));
  o.rows = static_cast<int>(config.get_int("dedup.rows"));
  o.shingle_size = static_cast<int>(config.get_int("dedup.shingle_size"));
  o.threshold = config.get_double("dedup.threshold");
  o.keep_rule = config.get_string("dedup.keep_rule");
  o.keep_score = config.get_string("dedup.keep_score");
  o.seed = static_cast<uint64_t>(config.get_int("dedup.seed"));
  o.max_bucket_pairs = static_cast<size_t>(config.get_int("dedup.max_bucket_pairs"));
  o.band_passes = static_cast<int>(config.get_int("dedup.band_passes"));
  if (o.band_passes < 1) throw ConfigError("dedup.band_passes must be at least 1");
  if (o.bands < 1 || o.rows < 1 || o.shingle_size < 1) throw ConfigError("dedup.bands, dedup.rows and dedup.shingle_size must be positive");
  if (o.threshold <= 0 || o.threshold > 1) throw ConfigError("dedup.threshold must be in (0, 1]");
  const std::string& r = o.keep_rule;
  if (r != "id" && r != "priority" && r != "score" && r != "priority_then_score" && r != "score_then_priority")
    throw ConfigError("dedup.keep_rule must be id, priority, score, priority_then_score or score_then_priority, not '" + r + "'");
  if ((r == "score" || r == "priority_then_score" || r == "score_then_priority") && o.keep_score.empty())
    throw ConfigError("dedup.keep_rule '" + r + "' needs dedup.keep_score (for example music_p)");
  return o;
}

}  // namespace mucpt
