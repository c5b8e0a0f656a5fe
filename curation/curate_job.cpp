#include "curation/curate_job.h"

#include <cstdio>

#include "common/declared_options.h"
#include "common/line_writer.h"
#include "curation/classifier/classifier_training.h"
#include "curation/dedup/dedup_options.h"
#include "curation/manifest.h"
#include "curation/packing/pack_job.h"
#include "curation/pipeline/curate_run.h"
#include "curation/pipeline/pipeline.h"
#include "curation/stage_registry.h"

namespace mucpt {

void register_curate_options(Config& config) {
  register_options<CurateOptions>(config);
  register_stage_options(config);
  register_classifier_training_options(config);
  register_dedup_options(config);
  register_packing_options(config);
}

int run_curate(const Config& config, const MpiContext& mpi) { return run_curate_pipeline(config, mpi, nullptr); }

int run_curate_pipeline(const Config& config, const MpiContext& mpi, const FinishedRun* measures_from) {
  CurateRun run = open_curate_run(config, mpi, measures_from);
  return run_pipeline(run);
}

int run_train_classifier(const Config& config, const MpiContext& mpi) {
  const CurateOptions options = read_options<CurateOptions>(config);
  const std::string& manifest_path = options.manifest;
  const std::string& model_path = options.output;
  if (manifest_path.empty()) throw UserError("no manifest: give --manifest with labelled sources (\"domain\")");
  if (model_path.empty()) throw UserError("no model path: give --output MODEL.bin");
  if (mpi.rank() != 0) return 0;  // fastText trains with threads on one process
  const Manifest manifest = load_manifest(manifest_path);
  ClassifierEvaluation eval = train_classifier(manifest, config, classifier_training_options(config), model_path);
  write_file_atomically(model_path + ".eval.json", eval.to_json().dump(1) + "\n");
  std::printf("held-out documents:");
  for (const auto& [label, n] : eval.holdout_docs) std::printf(" %s %llu", label.c_str(), static_cast<unsigned long long>(n));
  std::printf("\n%9s %9s %9s %9s\n", "threshold", "precision", "recall", "F1");
  for (const auto& p : eval.curve) std::printf("%9.2f %9.4f %9.4f %9.4f\n", p.threshold, p.precision, p.recall, p.f1);
  std::printf("at 0.5: precision %.4f recall %.4f F1 %.4f\nmodel: %s (evaluation in %s.eval.json)\n",
              eval.at_half.precision, eval.at_half.recall, eval.at_half.f1, model_path.c_str(), model_path.c_str());
  return 0;
}

}  // namespace mucpt
