// The document pass: the ranks take the work units in turn and run each through
// parsing, the source's stages and the sinks (documents or, with dedup, the stream the
// final pass reads; rejects; measures; dedup signatures; the metadata join). A unit
// whose statistics file exists was finished by an earlier run and is skipped.
#include <algorithm>
#include <filesystem>
#include <numeric>
#include <optional>

#include "common/declared_options.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "common/mpi_context.h"
#include "common/progress.h"
#include "common/work_queue.h"
#include "curation/decide/unit_replay.h"
#include "curation/dedup/dedup_job.h"
#include "curation/dedup/signature_writer.h"
#include "curation/pipeline/pipeline.h"
#include "curation/privacy/privacy_stage.h"
#include "curation/stage_registry.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

class DocumentPass : public PipelineStep {
 public:
  const char* name() const override { return "documents"; }

  nlohmann::json run(CurateRun& run) override {
    const OutputLayout& layout = run.layout;
    // Units go to whichever rank is free, largest first: what a unit costs is known only
    // once it has run (the documents `curate decide` re-runs cost more than their size).
    const std::vector<size_t> order = largest_first(run.plan);
    uint64_t bytes = 0;
    for (const WorkUnit& unit : run.plan.units) bytes += unit.end - unit.begin;
    Progress progress(run.measures_from ? "decide (rank 0)" : "curate (rank 0)",
                      bytes / static_cast<uint64_t>(run.mpi.size()), run.mpi.rank() == 0 && run.options.progress);
    if (run.dedup.enabled) fs::create_directories(layout.signatures_dir());
    uint64_t ran = 0, skipped = 0;
    {
      WorkQueue queue(order.size());
      while (const std::optional<uint64_t> next = queue.next()) {
        const size_t u = order[*next];
        if (fs::exists(layout.stats_path(u))) {
          ++skipped;
          continue;
        }
        run_one(run, u, progress);
        ++ran;
      }
    }
    progress.finish();
    skipped = mpi_sum(skipped);
    if (skipped > 0 && run.mpi.rank() == 0)
      log_info("resumed: ", skipped, " of ", order.size(), " units were already complete");
    write_file_atomically(layout.root + "/markers/stream.rank-" + std::to_string(run.mpi.rank()) + ".done",
                          std::to_string(ran) + " units\n");
    return nullptr;
  }

 private:
  static std::vector<size_t> largest_first(const WorkPlan& plan) {
    std::vector<size_t> order(plan.units.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return plan.units[a].end - plan.units[a].begin > plan.units[b].end - plan.units[b].begin;
    });
    return order;
  }

  static void run_one(CurateRun& run, size_t u, Progress& progress) {
    const OutputLayout& layout = run.layout;
    const WorkUnit& unit = run.plan.units[u];
    const size_t source_index = run.plan.files[unit.file_index].source_index;
    const SourceSpec& source = run.manifest.sources[source_index];
    StageChain stages = build_stage_chain(run.settings[source_index]);
    std::unique_ptr<Stage> join = metadata_join(run, run.settings[source_index], source_index);
    std::unique_ptr<SignatureWriter> signatures;
    if (run.dedup.enabled)
      signatures = std::make_unique<SignatureWriter>(signature_path(layout.signatures_dir(), u), run.dedup,
                                                     static_cast<double>(source.priority));
    const UnitJob job{run.plan,
                      unit,
                      source,
                      stages,
                      join.get(),
                      layout,
                      run.dedup.enabled ? layout.streamed_docs_path(u) : layout.docs_path(u),
                      signatures.get(),
                      run.options.zstd_level,
                      run.measures_from ? run.measures_from->layout.measures_path(u) : std::string()};
    const FinishedRun* finished = run.measures_from;
    if (finished && finished->replays() && can_replay_unit(*finished, u)) {
      // Only thresholds changed: the finished run's own stages tell what it counted.
      StageChain finished_stages = build_stage_chain(finished->settings[source_index]);
      std::unique_ptr<Stage> finished_join = metadata_join(run, finished->settings[source_index], source_index);
      replay_unit(job, *finished, finished_stages, finished_join.get(), progress);
    } else {
      run_unit(job, progress);
    }
  }

  // After every rule: the header is for the model, not for the rules. Null: no join.
  static std::unique_ptr<Stage> metadata_join(CurateRun& run, const StageSettings& settings, size_t source) {
    std::shared_ptr<const MetadataTable> table = run.metadata_table(source);
    if (!table) return nullptr;
    std::unique_ptr<Stage> masking;
    if (const PrivacyOptions privacy = privacy_options_from(settings); privacy.masking)
      masking = std::make_unique<PrivacyStage>(privacy);
    const SourceSpec& spec = run.manifest.sources[source];
    return std::make_unique<MetadataJoin>(std::move(table), read_options<MetadataOptions>(settings).header_template,
                                          std::move(masking), spec.metadata.key == spec.id_field);
  }
};

}  // namespace

std::unique_ptr<PipelineStep> document_pass() { return std::make_unique<DocumentPass>(); }

}  // namespace mucpt
