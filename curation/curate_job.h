#pragma once
// The `curate` job: plan the work, run this rank's units through the stages, then
// write the report. Each rank calls run_curate() with the same configuration.
#include <stdexcept>

#include "common/config.h"
#include "common/mpi_context.h"
#include "curation/unit_runner.h"

namespace mucpt {

void register_curate_options(Config& config);

// Each returns the process exit code.
int run_curate(const Config& config, const MpiContext& mpi);
// The run itself. With measures_from (`curate decide`), the stages take what that
// finished run measured on the same texts instead of measuring again.
int run_curate_pipeline(const Config& config, const MpiContext& mpi, const OutputLayout* measures_from);
// `curate train-classifier`: a fastText domain classifier from a labelled manifest.
int run_train_classifier(const Config& config, const MpiContext& mpi);

}  // namespace mucpt
