#pragma once
// `evaluate`: a factual-QA benchmark (MusicSimpleQA-style JSONL or the SimpleQA CSV)
// answered by a model (greedy, items shared over the MPI ranks) or read from a
// predictions file, graded by rules, reported in total and per topic.
#include "common/config.h"
#include "common/mpi_context.h"

namespace mucpt {

void register_evaluate_options(Config& config);
int run_evaluate(const Config& config, const MpiContext& mpi);

}  // namespace mucpt
