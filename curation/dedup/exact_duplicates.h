#pragma once
// Phase 1 of the global dedup: records keyed by their 128-bit text hash go to the hash's
// owner rank, which keeps the best copy of each group (none in drop-all mode) and sends
// every other copy's removal to the rank that owns its document.
#include <cstdint>

#include "curation/dedup/dedup_run.h"

namespace mucpt {

struct ExactCounters {
  uint64_t groups = 0;   // groups of identical texts, on this rank
  uint64_t removed = 0;  // documents removed, over all ranks
};

ExactCounters remove_exact_duplicates(DedupRun& run);

}  // namespace mucpt
