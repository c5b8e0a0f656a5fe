#pragma once
// `curate decide --run DIR --output NEW [--section.key=value ...]`: applies other
// thresholds to a finished run without parsing, cleaning, masking or running a model
// again. The run's measures (every document as it entered the deciding stages, with its
// language and domain scores) go through the deciding stages built from the changed
// options; dedup, the metadata join, mixing and packing then run as in a full run, so
// NEW holds what `curate` with those options writes (documents, rejects, tokens).
// Options of the preparing stages, the models and the work plan change what is
// measured: they are refused by name, and need a new run.
#include "common/config.h"
#include "common/mpi_context.h"

namespace mucpt {

void register_decide_options(Config& config);

// Returns the process exit code.
int run_decide(const Config& config, const MpiContext& mpi);

// Whether `curate decide` may change this option (false: it changes what is measured).
bool decidable_option(const std::string& key);

}  // namespace mucpt
