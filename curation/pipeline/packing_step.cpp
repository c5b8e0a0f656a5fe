// Packing: each rank tokenizes its own units' kept documents into Megatron shards
// (mixing repeats them by weight); with dedup the final pass packed them as it wrote
// them, without it they are read from docs/. Rank 0 describes the shards; the report
// keeps documents, entries and tokens per source under "tokens". `curate decide` takes
// the tokens of texts the run packed.
#include "common/tokenizer/tokenizer_json_writer.h"
#include "curation/packing/pack_job.h"
#include "curation/packing/packed_texts.h"
#include "curation/pipeline/pipeline.h"

namespace mucpt {

namespace {

class PackingStep : public PipelineStep {
 public:
  const char* name() const override { return "tokens"; }

  nlohmann::json run(CurateRun& run) override {
    if (run.dedup.enabled)
      return describe_packing(run.config, run.plan, run.manifest, run.layout, *run.tokenizer, run.mpi.rank(),
                              run.mpi.size());
    const std::unique_ptr<PackedTexts> reuse = reused_tokens(run);
    return run_packing(run.config, run.plan, run.manifest, run.layout, *run.tokenizer, run.mpi.rank(), run.mpi.size(),
                       reuse.get());
  }
};

}  // namespace

std::unique_ptr<PackedTexts> reused_tokens(const CurateRun& run) {
  // `curate decide`: a text the finished run packed with this tokenizer takes its tokens.
  if (!run.measures_from) return nullptr;
  return std::make_unique<PackedTexts>(run.measures_from->layout.root, to_tokenizer_json(*run.tokenizer));
}

std::unique_ptr<PipelineStep> packing_step() { return std::make_unique<PackingStep>(); }

}  // namespace mucpt
