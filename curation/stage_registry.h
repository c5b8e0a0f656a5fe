#pragma once
// The per-document stages of `curate`, in order, with their options.
#include <memory>
#include <vector>

#include "common/config.h"
#include "curation/stage_settings.h"
#include "curation/stage.h"

namespace mucpt {

void register_stage_options(Config& config);

// Builds the stage chain for one source from its settings (the configuration with the
// source's manifest overrides).
std::vector<std::unique_ptr<Stage>> build_stages(const StageSettings& settings);

}  // namespace mucpt
