#pragma once
// `train`: continued pretraining of a Llama-architecture model on packed tokens, data
// parallel over MPI ranks, with token weighting from stored reference losses.
#include "common/config.h"
#include "common/mpi_context.h"

namespace mucpt {

void register_train_options(Config& config);
int run_train(const Config& config, const MpiContext& mpi);

}  // namespace mucpt
