// Packing: each rank tokenizes its own units' kept documents into Megatron shards
// (mixing repeats them by weight); the report keeps documents, entries and tokens per
// source under "tokens".
#include "curation/packing/pack_job.h"
#include "curation/pipeline/pipeline.h"

namespace mucpt {

namespace {

class PackingStep : public PipelineStep {
 public:
  const char* name() const override { return "tokens"; }

  nlohmann::json run(CurateRun& run) override {
    return run_packing(run.config, run.plan, run.manifest, run.layout, *run.tokenizer, run.mpi.rank(), run.mpi.size());
  }
};

}  // namespace

std::unique_ptr<PipelineStep> packing_step() { return std::make_unique<PackingStep>(); }

}  // namespace mucpt
