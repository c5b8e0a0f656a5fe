#pragma once
// Runs one work unit through parsing and the per-document stages, writing its kept
// documents, its rejects, its measures and, last, its statistics file, which marks it
// complete. Given the measures a finished run wrote for the unit (`curate decide`), the
// stages take stored values for the texts they measured before.
#include <nlohmann/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "common/progress.h"
#include "curation/dedup/signature_writer.h"
#include "curation/stage.h"
#include "curation/stage_registry.h"
#include "curation/work_plan.h"

namespace mucpt {

struct OutputLayout {
  std::string root;
  std::string extension = ".jsonl.zst";  // ".jsonl" writes plain files
  std::string docs_path(size_t unit) const;
  std::string rejects_path(const std::string& stage, size_t unit) const;
  std::string stats_path(size_t unit) const;
  std::string final_stats_path(size_t unit) const;
  std::string stats_dir() const;
  // Every document as it entered the deciding stages (see decide/measure_record.h).
  std::string measures_path(size_t unit) const;
  // Where documents wait for the global steps, and their de-duplication records.
  std::string streamed_docs_path(size_t unit) const;
  std::string signatures_dir() const { return root + "/stream/signatures"; }
  std::string removals_dir() const { return root + "/stream/removals"; }
  // `curate decide`: a unit's stream as picks from the run's, with the documents decided anew.
  std::string picks_path(size_t unit) const;
  std::string fresh_docs_path(size_t unit) const;
};

// One unit's work: its input, its stages and where its documents go. Kept documents go
// to docs_path; with a signature writer, each one's de-duplication record is written
// too, from the text before `finish` (the metadata join) adds to it, so that duplicates
// are found by their content alone.
struct UnitJob {
  const WorkPlan& plan;
  const WorkUnit& unit;
  const SourceSpec& source;
  StageChain& stages;
  Stage* finish = nullptr;
  const OutputLayout& layout;
  std::string docs_path;
  SignatureWriter* signatures = nullptr;
  int zstd_level = 3;
  std::string measures_from;  // a finished run's measures of this unit; empty: measure everything
};

// Parses the unit's lines and runs every stage; returns its statistics (also written
// to layout.stats_path()).
nlohmann::json run_unit(const UnitJob& job, Progress& progress);

}  // namespace mucpt
