#pragma once
// `score`: the frozen reference model's loss on every token of a packed dataset,
// written beside each shard (PREFIX.refloss) so that `train` weights tokens without a
// second forward pass. Ranks share each shard's windows and write their parts of the
// file with MPI-IO; a shard whose file was written by the same model and settings is
// skipped on a rerun.
#include "common/config.h"
#include "common/mpi_context.h"

namespace mucpt {

void register_score_options(Config& config);
int run_score(const Config& config, const MpiContext& mpi);

}  // namespace mucpt
