#pragma once
// What the phases of the global dedup (dedup_job.h) share: the records that travel
// between ranks, and one rank's part of a run — its units, and the decisions, audit
// lines and counters the phases add to.
#include <algorithm>
#include <cstring>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/line_reader.h"
#include "common/mapped_file.h"
#include "curation/dedup/dedup_job.h"
#include "curation/dedup/dedup_record.h"

namespace mucpt {

// A document wherever it travels: its keeper key and where its record lives.
struct Vertex {
  KeeperKey key;
  uint32_t unit;
  uint32_t pad = 0;
  uint64_t ordinal;
};
static_assert(made_of<Vertex, KeeperKey, uint32_t, uint32_t, uint64_t>, "sent between ranks as is");

// A confirmed near-duplicate pair.
struct Edge {
  Vertex a, b;
  float jaccard;
  uint32_t pad = 0;
};
static_assert(made_of<Edge, Vertex, Vertex, float, uint32_t>, "sent between ranks as is");

// A component decision, sent to the document's home rank: its label is the component's
// best keeper key.
struct Notice {
  Vertex vertex;
  KeeperKey label;
};
static_assert(made_of<Notice, Vertex, KeeperKey>, "sent between ranks as is");

// The rank that owns a hash, a band key or a document id.
uint32_t owner_of(uint64_t value, int ranks);

// The largest number of bytes one phase held at once on this rank.
class PeakMemory {
 public:
  void note(size_t bytes) { peak_ = std::max(peak_, bytes); }
  size_t peak() const { return peak_; }

 private:
  size_t peak_ = 0;
};

struct DedupRun {
  DedupRun(const WorkPlan& plan, int rank, int ranks, const DedupOptions& options, const DedupPaths& paths);

  // Calls fn(unit, record) for every record of this rank's units, one file at a time.
  // The files stay mapped for the whole run: the band passes read them over and over.
  template <class Fn>
  void for_each_record(Fn fn) const {
    for (const auto& [u, file] : signatures) {
      const char* bytes = reinterpret_cast<const char*>(file.data());
      for (size_t at = 0; at + layout.size() <= file.size(); at += layout.size()) fn(u, RecordView(bytes + at, layout));
    }
  }

  // The record of one document of this rank's units, in place in its mapped file.
  RecordView record(uint32_t unit, uint64_t ordinal) const;

  // One audit line's cluster of `members` documents, in the cluster-size histogram.
  void count_cluster(size_t members);

  // Sends each removal (decided on this rank, for the document at the same index in
  // `documents`) to the rank that owns the document's unit, files those that arrive
  // here, and returns how many were decided over all ranks. Exact removals are also
  // marked, so that the near phase leaves those documents to their keepers.
  uint64_t send_home(const std::vector<std::vector<Removal>>& decided,
                     const std::vector<std::vector<Vertex>>& documents, bool exact);

  const WorkPlan& plan;
  const int rank, ranks;
  const DedupOptions& options;
  const DedupPaths& paths;
  const RecordLayout layout;
  const std::vector<size_t>& my_units;
  std::vector<uint32_t> home;  // the rank that owns each unit
  uint64_t my_docs = 0;
  std::vector<std::pair<uint32_t, MappedFile>> signatures;  // this rank's units' records, in my_units order
  std::map<uint32_t, size_t> signature_index;                // unit -> its place in signatures

  std::map<uint32_t, std::vector<Removal>> removals;  // per unit of this rank
  std::map<uint32_t, std::vector<bool>> exact_removed;  // per unit of this rank, by ordinal
  std::string cluster_lines;                             // this rank's audit lines
  std::map<std::string, uint64_t> cluster_sizes;         // this rank's clusters by size bin
  PeakMemory memory;
};

}  // namespace mucpt
