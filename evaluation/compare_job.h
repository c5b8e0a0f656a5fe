#pragma once
// `evaluate compare RUN_DIR... --output DIR`: evaluate runs side by side, in
// DIR/compare.md and DIR/compare.json. Per run: accuracy, correct given attempted and F
// with 95% bootstrap intervals over the items; for each run after the first, its
// accuracy minus the first run's with a paired bootstrap interval (each resample draws
// the same items for every run) and the share of resamples in which it is ahead.
// Items are paired by id. Runs must cover the same ids; `--common_items` compares the
// ids every run has instead, and says how many of each run's were left out.
#include "common/config.h"
#include "common/mpi_context.h"

namespace mucpt {

void register_compare_options(Config& config);
int run_compare(const Config& config, const MpiContext& mpi);

}  // namespace mucpt
