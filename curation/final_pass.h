#pragma once
// The final pass over one work unit after the global steps: its streamed documents are
// copied to docs/ except those the de-duplication removed, which go to rejects/dedup/
// with the reason and the document kept in their place. Its statistics file marks the
// unit done.
#include <nlohmann/json.hpp>
#include <string>

#include "curation/dedup/dedup_job.h"
#include "curation/unit_runner.h"

namespace mucpt {

nlohmann::json run_final_pass(const WorkPlan& plan, const WorkUnit& unit, const std::string& source_name,
                              const OutputLayout& layout, const std::string& streamed_docs,
                              const std::vector<Removal>& removals, int zstd_level);

}  // namespace mucpt
