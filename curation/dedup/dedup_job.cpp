#include "curation/dedup/dedup_job.h"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "common/line_writer.h"
#include "curation/dedup/components.h"
#include "curation/dedup/dedup_run.h"
#include "curation/dedup/exact_duplicates.h"
#include "curation/dedup/mpi_exchange.h"
#include "curation/dedup/near_clusters.h"
#include "curation/dedup/similar_pairs.h"

namespace mucpt {

const char* removal_reason_name(uint32_t reason) { return reason == 0 ? "exact_duplicate" : "near_duplicate"; }

std::string signature_path(const std::string& dir, size_t unit) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "/part-%06zu.sig", unit);
  return dir + buf;
}

std::string removals_path(const std::string& dir, size_t unit) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "/part-%06zu.removals", unit);
  return dir + buf;
}

std::vector<Removal> read_removals(const std::string& path) {
  std::string bytes = read_small_file(path);
  std::vector<Removal> removals(bytes.size() / sizeof(Removal));
  std::memcpy(static_cast<void*>(removals.data()), bytes.data(), removals.size() * sizeof(Removal));
  return removals;
}

nlohmann::json run_global_dedup(const WorkPlan& plan, int rank, int ranks, const DedupOptions& options,
                                const DedupPaths& paths) {
  const auto started = std::chrono::steady_clock::now();
  auto since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  DedupRun run(plan, rank, ranks, options, paths);
  nlohmann::json seconds;

  auto phase_started = std::chrono::steady_clock::now();
  ExactCounters exact;
  if (options.exact) exact = remove_exact_duplicates(run);
  seconds["exact_duplicates"] = since(phase_started);

  phase_started = std::chrono::steady_clock::now();
  PairCounters pairs;
  std::vector<Edge> edges;
  if (options.near) edges = find_similar_pairs(run, pairs);
  seconds["similar_pairs"] = since(phase_started);

  phase_started = std::chrono::steady_clock::now();
  uint64_t rounds = 0, confirmed = 0;
  const std::vector<Notice> notices = label_components(run, std::move(edges), rounds, confirmed);
  seconds["components"] = since(phase_started);

  phase_started = std::chrono::steady_clock::now();
  const NearCounters near = remove_near_duplicates(run, notices);
  seconds["near_clusters"] = since(phase_started);

  for (size_t u : run.my_units) {
    auto& list = run.removals[static_cast<uint32_t>(u)];
    std::sort(list.begin(), list.end(), [](const Removal& a, const Removal& b) { return a.ordinal < b.ordinal; });
    write_file_atomically(removals_path(paths.removals_dir, u),
                          std::string_view(reinterpret_cast<const char*>(list.data()), list.size() * sizeof(Removal)));
  }
  write_file_atomically(paths.clusters_path, run.cluster_lines);

  nlohmann::json summary;
  summary["documents"] = mpi_sum(run.my_docs);
  summary["exact_groups"] = mpi_sum(exact.groups);
  summary["exact_removed"] = exact.removed;
  summary["candidate_pairs"] = mpi_sum(pairs.candidates);
  summary["confirmed_pairs"] = confirmed;
  summary["near_clusters"] = mpi_sum(near.clusters);
  summary["near_removed"] = near.removed;
  summary["label_rounds"] = rounds;
  summary["bands"] = options.bands;
  summary["band_passes"] = options.band_passes;
  summary["rows"] = options.rows;
  summary["threshold"] = options.threshold;
  summary["catch_probability_at_0.8"] = lsh_catch_probability(0.8, options.bands, options.rows);
  for (const char* bin : {"2", "3-5", "6-10", "11-100", "101+"})
    summary["cluster_sizes"][bin] = mpi_sum(run.cluster_sizes[bin]);
  double per_doc = run.my_docs ? static_cast<double>(run.memory.peak()) / static_cast<double>(run.my_docs) : 0.0;
  double worst = 0;
  MPI_Allreduce(&per_doc, &worst, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  summary["peak_bytes_per_document"] = worst;
  summary["phase_seconds"] = seconds;  // rank 0's
  summary["seconds"] = since(started);
  return summary;
}

}  // namespace mucpt
