#include "curation/dedup/dedup_run.h"

#include <stdexcept>
#include <string>

#include "curation/dedup/mpi_exchange.h"

namespace mucpt {

uint32_t owner_of(uint64_t value, int ranks) {
  return static_cast<uint32_t>((value * 0x9E3779B97F4A7C15ULL) % static_cast<uint64_t>(ranks));
}

DedupRun::DedupRun(const WorkPlan& plan_, int rank_, int ranks_, const DedupOptions& options_,
                   const DedupPaths& paths_)
    : plan(plan_),
      rank(rank_),
      ranks(ranks_),
      options(options_),
      paths(paths_),
      layout(options_.layout()),
      my_units(plan_.assignment[static_cast<size_t>(rank_)]),
      home(plan_.units.size()) {
  for (size_t r = 0; r < plan.assignment.size(); ++r)
    for (size_t u : plan.assignment[r]) home[u] = static_cast<uint32_t>(r);
  for (size_t u : my_units) {
    signature_index[static_cast<uint32_t>(u)] = signatures.size();
    const MappedFile& file =
        signatures.emplace_back(static_cast<uint32_t>(u), MappedFile(signature_path(paths.signatures_dir, u))).second;
    const uint64_t records = file.size() / layout.size();
    my_docs += records;
    exact_removed[static_cast<uint32_t>(u)].assign(records, false);
  }
}

RecordView DedupRun::record(uint32_t unit, uint64_t ordinal) const {
  const auto at = signature_index.find(unit);
  if (at == signature_index.end()) throw std::logic_error("dedup: unit " + std::to_string(unit) + " is not this rank's");
  const MappedFile& file = signatures[at->second].second;
  if ((ordinal + 1) * layout.size() > file.size())
    throw std::logic_error("dedup: unit " + std::to_string(unit) + " has no record " + std::to_string(ordinal));
  return RecordView(reinterpret_cast<const char*>(file.data()) + ordinal * layout.size(), layout);
}

void DedupRun::count_cluster(size_t members) {
  ++cluster_sizes[members <= 2 ? "2" : members <= 5 ? "3-5" : members <= 10 ? "6-10" : members <= 100 ? "11-100" : "101+"];
}

uint64_t DedupRun::send_home(const std::vector<std::vector<Removal>>& decided,
                             const std::vector<std::vector<Vertex>>& documents, bool exact) {
  const std::vector<Removal> back = exchange_records(decided);
  const std::vector<Vertex> back_documents = exchange_records(documents);
  for (size_t k = 0; k < back.size(); ++k) {
    removals[back_documents[k].unit].push_back(back[k]);
    if (exact) exact_removed[back_documents[k].unit][back[k].ordinal] = true;
  }
  return mpi_sum(back.size());
}

}  // namespace mucpt
