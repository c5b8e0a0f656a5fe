#pragma once
// `curate` as the configuration declares it: the document pass (parsing, the
// per-document stages of each source and the sinks every document reaches: documents,
// rejects, measures, dedup signatures, the metadata join), then the global steps
// (dedup with its final pass, which packs as it writes; packing's description), then
// the report. One runner times every step
// and keeps what each reports; every step resumes from what an earlier run finished.
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "curation/pipeline/curate_run.h"

namespace mucpt {

class PipelineStep {
 public:
  virtual ~PipelineStep() = default;
  // The step's name, also its key in report.json.
  virtual const char* name() const = 0;
  // Runs on every rank; returns what the report keeps of it (rank 0's), or null.
  virtual nlohmann::json run(CurateRun& run) = 0;
};

std::unique_ptr<PipelineStep> document_pass();
std::unique_ptr<PipelineStep> dedup_step();
std::unique_ptr<PipelineStep> packing_step();

class PackedTexts;
// `curate decide`, packing: the texts the finished run packed with this tokenizer, whose
// tokens are taken instead of tokenizing again. Null for a run of curate.
std::unique_ptr<PackedTexts> reused_tokens(const CurateRun& run);

// The steps this run takes, in order.
std::vector<std::unique_ptr<PipelineStep>> declare_pipeline(const CurateRun& run);

// Runs the steps, then writes report.json and report.md on rank 0. Returns the exit code.
int run_pipeline(CurateRun& run);

}  // namespace mucpt
