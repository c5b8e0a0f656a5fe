// Global dedup across ranks on the signatures the document pass wrote, then the final
// pass: each rank writes its units' documents without the removed duplicates (their
// rejects go to rejects/dedup/) and, when packing, packs them as they are written. A
// unit `curate decide` replayed is read as picks from the run decided on. The summary is
// kept in stream/dedup.done, so a rerun goes straight to the final pass of the units
// not yet written (a unit written by then is packed from docs/).
#include <filesystem>

#include "common/line_writer.h"
#include "common/mpi_context.h"
#include "curation/decide/finished_run.h"
#include "curation/decide/picked_stream.h"
#include "curation/dedup/dedup_job.h"
#include "curation/final_pass.h"
#include "curation/packing/pack_job.h"
#include "curation/packing/packed_texts.h"
#include "curation/pipeline/pipeline.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

class DedupStep : public PipelineStep {
 public:
  const char* name() const override { return "dedup"; }

  nlohmann::json run(CurateRun& run) override {
    const OutputLayout& layout = run.layout;
    const std::string& out = layout.root;
    const std::string done = out + "/stream/dedup.done";
    // Rank 0 decides, and hands every rank the summary: the dedup is collective, and on
    // a shared file system some ranks may see the marker before others.
    const std::string finished = mpi_broadcast(run.mpi.rank() == 0 && fs::exists(done) ? read_small_file(done) : "");
    nlohmann::json summary;
    if (!finished.empty()) {
      summary = nlohmann::json::parse(finished);
    } else {
      fs::create_directories(layout.removals_dir());
      fs::create_directories(out + "/dedup");
      DedupPaths paths{layout.signatures_dir(), layout.removals_dir(),
                       out + "/dedup/clusters.rank-" + std::to_string(run.mpi.rank()) + ".jsonl"};
      summary = run_global_dedup(run.plan, run.mpi.rank(), run.mpi.size(), run.dedup, paths);
      mpi_barrier();
      if (run.mpi.rank() == 0) write_file_atomically(done, summary.dump(1) + "\n");
    }
    std::unique_ptr<PackedTexts> reuse;
    std::unique_ptr<RankPacking> packing;
    if (run.tokenizer) {
      reuse = reused_tokens(run);
      packing = std::make_unique<RankPacking>(run.config, run.plan, run.manifest, layout, *run.tokenizer,
                                              run.mpi.rank(), reuse.get());
    }
    for (size_t u : run.my_units()) {
      const bool pack = packing && packing->wants(u);
      if (fs::exists(layout.final_stats_path(u))) {
        if (pack) packing->add_file(u);
        continue;
      }
      const WorkUnit& unit = run.plan.units[u];
      const std::string& source = run.manifest.sources[run.plan.files[unit.file_index].source_index].name;
      // A unit `curate decide` replayed streams picks from the run it decides on.
      const bool picked = run.measures_from && fs::exists(layout.picks_path(u));
      std::unique_ptr<StreamedLines> streamed;
      if (picked) streamed = std::make_unique<PickedStream>(run.measures_from->layout, layout, u);
      else streamed = std::make_unique<StreamedFile>(layout.streamed_docs_path(u));
      if (pack) packing->begin(u);
      nlohmann::json stats = run_final_pass(
          run.plan, unit, source, layout, *streamed, read_removals(removals_path(layout.removals_dir(), u)),
          run.options.zstd_level, pack ? [&packing](std::string_view line) { packing->add(line); }
                                       : std::function<void(std::string_view)>());
      write_file_atomically(layout.final_stats_path(u), stats.dump(1) + "\n");
      if (pack) packing->end();
      if (picked) {  // they point into the other run: done with once the unit is written
        fs::remove(layout.picks_path(u));
        fs::remove(layout.fresh_docs_path(u));
      }
    }
    if (packing) packing->finish();
    return summary;
  }
};

}  // namespace

std::unique_ptr<PipelineStep> dedup_step() { return std::make_unique<DedupStep>(); }

}  // namespace mucpt
