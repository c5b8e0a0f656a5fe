#pragma once
// A `curate` run opened on every rank: its options, manifest, work plan, per-source
// settings and tokenizer loaded, the output folder checked for resuming and every
// unit's first line numbered. Bad input stops the run here, before any work; a metadata
// table is loaded by a rank when it first takes a unit that joins it.
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "common/config.h"
#include "common/mpi_context.h"
#include "common/tokenizer/tokenizer.h"
#include "curation/curate_job.h"
#include "curation/decide/finished_run.h"
#include "curation/dedup/dedup_options.h"
#include "curation/manifest.h"
#include "curation/metadata/metadata_join.h"
#include "curation/stage_settings.h"
#include "curation/unit_runner.h"
#include "curation/work_plan.h"

namespace mucpt {

struct CurateRun {
  CurateRun(const Config& c, const MpiContext& m) : config(c), mpi(m) {}

  const Config& config;
  const MpiContext& mpi;
  CurateOptions options;
  Manifest manifest;
  WorkPlan plan;
  std::vector<StageSettings> settings;                             // per source
  std::optional<Tokenizer> tokenizer;                              // packing when set
  DedupOptions dedup;
  OutputLayout layout;
  const FinishedRun* measures_from = nullptr;                      // `curate decide`: the run measured before
  std::chrono::steady_clock::time_point started;

  const std::vector<size_t>& my_units() const { return plan.assignment[static_cast<size_t>(mpi.rank())]; }
  // The metadata table a source's documents join, loaded on first use; null: no join.
  std::shared_ptr<const MetadataTable> metadata_table(size_t source);

 private:
  std::vector<std::shared_ptr<const MetadataTable>> metadata_;  // per source, once loaded
  std::vector<bool> metadata_loaded_;
};

CurateRun open_curate_run(const Config& config, const MpiContext& mpi, const FinishedRun* measures_from);

}  // namespace mucpt
