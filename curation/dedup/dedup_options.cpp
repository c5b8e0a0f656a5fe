#include "curation/dedup/dedup_options.h"

#include "curation/dedup/minhash.h"

namespace mucpt {

void register_dedup_options(Config& config) { register_options<DedupOptions>(config); }

DedupOptions dedup_options(const Config& config) {
  DedupOptions o = read_options<DedupOptions>(config);
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
