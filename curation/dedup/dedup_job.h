#pragma once
// The global de-duplication step: every rank takes part, exchanging compact records
// with all-to-all; nothing is gathered to one rank. Four phases, each a file of its own
// with its own counters (and its seconds in the summary's phase_seconds):
//   1. exact_duplicates.h: records keyed by the 128-bit text hash go to the hash's owner
//      rank, which keeps the best copy of each group (or none, in drop-all mode);
//   2. similar_pairs.h: for each LSH band in turn, records keyed by the band key go to
//      its owner, which confirms candidate pairs by their estimated Jaccard similarity;
//   3. components.h: the confirmed pairs' connected components are found by min-label
//      propagation across ranks, the label being the best keeper key, so each
//      component keeps exactly one document;
//   4. near_clusters.h: every decision goes back to the rank that owns the document's
//      work unit, and an audit line per cluster goes to the cluster file.
#include <nlohmann/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "curation/dedup/signature_writer.h"
#include "curation/work_plan.h"

namespace mucpt {

struct Removal {
  uint64_t ordinal;      // position in the unit's streamed output
  uint64_t gid;          // the removed document
  uint64_t keeper_gid;   // the document that stays
  float jaccard;         // estimated similarity to the keeper (1 for exact copies)
  uint32_t reason;       // 0 exact_duplicate, 1 near_duplicate
  // Every byte a member, so none is left unset on disk; 40 bytes, as in the removals of
  // finished runs that `curate decide` reads.
  uint64_t pad = 0;
};
static_assert(made_of<Removal, uint64_t, uint64_t, uint64_t, float, uint32_t, uint64_t>,
              "written to stream/removals/ and sent between ranks as is");
const char* removal_reason_name(uint32_t reason);

struct DedupPaths {
  std::string signatures_dir;  // <unit>.sig files from the streaming phase
  std::string removals_dir;    // <unit>.removals files written by this step
  std::string clusters_path;   // this rank's cluster audit file
};

// Runs the step for this rank's units; writes one removals file per unit and the
// cluster file, and returns the global counters (the same on every rank).
nlohmann::json run_global_dedup(const WorkPlan& plan, int rank, int ranks, const DedupOptions& options,
                                const DedupPaths& paths);

std::string signature_path(const std::string& dir, size_t unit);
std::string removals_path(const std::string& dir, size_t unit);
std::vector<Removal> read_removals(const std::string& path);

}  // namespace mucpt
