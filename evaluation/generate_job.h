#pragma once
// `evaluate generate`: greedy continuation of a prompt by a model folder, given as ids
// (`--ids 1,403,407`: the ids are printed, space separated, on the last line) or as text
// (`--prompt TEXT`: encoded and decoded with the folder's tokenizer.json), or several
// prompts as ids (`--ids_file FILE`: one a line, decoded --gen_batch at a time; a line of
// new ids each). Uses the key/value cache unless `--cache=false`; the speed goes to the log.
#include "common/config.h"
#include "common/mpi_context.h"

namespace mucpt {

void register_generate_options(Config& config);
int run_generate(const Config& config, const MpiContext& mpi);

}  // namespace mucpt
