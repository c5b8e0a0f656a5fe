#pragma once
// Phase 3 of the global dedup: the connected components of the confirmed pairs, by
// min-label propagation across ranks (each document's label is the best keeper key it
// has heard of, sent along its edges until no label changes), so that each component
// keeps exactly one document. Each clustered document's label then goes to the rank
// that owns the document.
#include <cstdint>
#include <vector>

#include "curation/dedup/dedup_run.h"

namespace mucpt {

// The labels of the clustered documents of this rank's units; `rounds` is the number of
// propagation rounds and `pairs` the number of distinct confirmed pairs (a pair found
// in bands of several ranks counted once), both the same on every rank.
std::vector<Notice> label_components(DedupRun& run, std::vector<Edge> edges, uint64_t& rounds, uint64_t& pairs);

}  // namespace mucpt
