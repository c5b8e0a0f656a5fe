#pragma once
// Phase 2 of the global dedup: for each LSH band in turn, records keyed by the band key
// go to its owner rank, which confirms the candidate pairs in each bucket by their
// estimated Jaccard similarity. Documents removed as exact copies stay out (their keeper
// stands for them).
#include <cstdint>
#include <vector>

#include "curation/dedup/dedup_run.h"

namespace mucpt {

struct PairCounters {
  uint64_t candidates = 0;  // pairs compared, on this rank (a pair in bands of several ranks, by each)
};

// This rank's confirmed pairs, each once, ordered by the first and second document.
std::vector<Edge> find_similar_pairs(DedupRun& run, PairCounters& counters);

}  // namespace mucpt
