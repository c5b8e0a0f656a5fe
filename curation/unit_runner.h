#pragma once
// Runs one work unit through parsing and the per-document stages, writing its kept
// documents, its rejects and, last, its statistics file, which marks it complete.
#include <nlohmann/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "common/progress.h"
#include "curation/dedup/signature_writer.h"
#include "curation/stage.h"
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
  // Where documents wait for the global steps, and their de-duplication records.
  std::string streamed_docs_path(size_t unit) const;
  std::string signatures_dir() const { return root + "/stream/signatures"; }
  std::string removals_dir() const { return root + "/stream/removals"; }
};

// Runs the unit and returns its statistics (also written to layout.stats_path()).
// Kept documents go to docs_path; with a signature writer, each one's de-duplication
// record is written too, from the text before `finish` (the metadata join) adds to it,
// so that duplicates are found by their content alone.
nlohmann::json run_unit(const WorkPlan& plan, const WorkUnit& unit, const SourceSpec& source,
                        std::vector<std::unique_ptr<Stage>>& stages, Stage* finish, const OutputLayout& layout,
                        const std::string& docs_path, SignatureWriter* signatures, int zstd_level,
                        Progress& progress);

}  // namespace mucpt
