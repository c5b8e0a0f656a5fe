#pragma once
// The `curate` job: plan the work, run this rank's units through the stages, then
// write the report. Each rank calls run_curate() with the same configuration.
#include <cstdint>
#include <stdexcept>
#include <string>

#include "common/config.h"
#include "common/declared_options.h"
#include "common/mpi_context.h"
#include "curation/unit_runner.h"

namespace mucpt {

// The options of the run itself; the stages, dedup and packing declare their own.
struct CurateOptions {
  std::string manifest, output, tokenizer;
  uint64_t split_bytes = uint64_t{256} << 20;
  std::string compression = "zstd";
  int zstd_level = 3;
  bool progress = true, resume = true;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("manifest", manifest, "data manifest (JSON) naming the input sources");
    v("output", output, "output folder: docs/, rejects/, stats/, report.json, report.md");
    v("tokenizer", tokenizer,
      "tokenizer.json (or a vocab.json + merges.txt folder): pack the kept documents into "
      "Megatron shards in tokens/");
    v("curate.split_bytes", split_bytes,
      "uncompressed files larger than this are split into byte ranges shared by ranks");
    v("curate.compression", compression, "output files: zstd (.jsonl.zst) or none (.jsonl)");
    v("curate.zstd_level", zstd_level, "zstd level of the output files");
    v("curate.progress", progress, "print a progress line on rank 0");
    v("curate.resume", resume, "skip work units finished by an earlier run into the same output");
  }
};

void register_curate_options(Config& config);

// Each returns the process exit code.
int run_curate(const Config& config, const MpiContext& mpi);
// The run itself. With measures_from (`curate decide`), the stages take what that
// finished run measured on the same texts instead of measuring again.
struct FinishedRun;
int run_curate_pipeline(const Config& config, const MpiContext& mpi, const FinishedRun* measures_from);
// `curate train-classifier`: a fastText domain classifier from a labelled manifest.
int run_train_classifier(const Config& config, const MpiContext& mpi);

}  // namespace mucpt
