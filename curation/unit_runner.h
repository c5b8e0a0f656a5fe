#pragma once
// Runs one work unit through parsing and the per-document stages, writing its kept
// documents, its rejects and, last, its statistics file, which marks it complete.
#include <nlohmann/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "common/progress.h"
#include "curation/stage.h"
#include "curation/work_plan.h"

namespace mucpt {

struct OutputLayout {
  std::string root;
  std::string extension = ".jsonl.zst";  // ".jsonl" writes plain files
  std::string docs_path(size_t unit) const;
  std::string rejects_path(const std::string& stage, size_t unit) const;
  std::string stats_path(size_t unit) const;
  std::string stats_dir() const;
};

// Runs the unit and returns its statistics (also written to layout.stats_path()).
nlohmann::json run_unit(const WorkPlan& plan, const WorkUnit& unit, const SourceSpec& source,
                        std::vector<std::unique_ptr<Stage>>& stages, const OutputLayout& layout,
                        int zstd_level, Progress& progress);

}  // namespace mucpt
