#pragma once
// Phase 4 of the global dedup: each rank sends its clustered documents' MinHash digests
// to the owner of the component's label, which writes the cluster's audit line (each
// member's estimated similarity to the keeper) and sends every member but the keeper
// its removal, back to the rank that owns the document.
#include <cstdint>
#include <vector>

#include "curation/dedup/dedup_run.h"

namespace mucpt {

struct NearCounters {
  uint64_t clusters = 0;  // components, on this rank
  uint64_t removed = 0;   // documents removed, over all ranks
};

// notices: label_components' labels of this rank's clustered documents.
NearCounters remove_near_duplicates(DedupRun& run, const std::vector<Notice>& notices);

}  // namespace mucpt
