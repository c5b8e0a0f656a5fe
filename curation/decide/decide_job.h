#pragma once
// `curate decide --run DIR --output NEW [--section.key=value ...]`: the run again with
// other options, without measuring again what it measured. The run kept, per document,
// what the language ID, the domain classifier and the quality rules measured, keyed by
// the text and the options the measures depend on (measured/). When only thresholds
// changed, each unit is decided from the run's outputs (decide/unit_replay.h); else the
// new run parses and cleans the input (cheap), and each stage takes its stored values
// wherever the key matches: a changed cleaning option re-measures only the texts it
// changed. NEW holds what `curate` with those options writes (documents, rejects,
// tokens, run.json). The manifest, the inputs and the work units (`curate.split_bytes`)
// must stay those of the run.
#include "common/config.h"
#include "common/mpi_context.h"

namespace mucpt {

void register_decide_options(Config& config);

// Returns the process exit code.
int run_decide(const Config& config, const MpiContext& mpi);

}  // namespace mucpt
