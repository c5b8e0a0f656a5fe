#pragma once
// `evaluate perplexity --model M --data TOKENS_DIR [--seq_len N] [--windows N] --output F`:
// a model's mean next-token loss and perplexity on held-out packed text (a curate
// tokens/ folder), in total and per source when each shard holds one source (curate
// --packing.shards=unit), each with a 95% percentile bootstrap interval over the
// windows. The windows are measured as the trainer's validation measures them, shared
// over the MPI ranks; rank 0 writes F (JSON) and prints a table.
#include "common/config.h"
#include "common/mpi_context.h"

namespace mucpt {

void register_perplexity_options(Config& config);
int run_perplexity(const Config& config, const MpiContext& mpi);

}  // namespace mucpt
