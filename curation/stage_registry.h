#pragma once
// The per-document stages of `curate`, in order, with their options.
#include <memory>
#include <vector>

#include "common/config.h"
#include "curation/stage_settings.h"
#include "curation/stage.h"

namespace mucpt {

void register_stage_options(Config& config);

// The stage chain of one source, in order: first the stages that change the text (and
// reject what they cannot change), then the stages that only measure the text and
// decide on thresholds. A finished run stores every document as it enters the
// deciding stages, so `curate decide` replays those alone with other thresholds.
struct StageChain {
  std::vector<std::unique_ptr<Stage>> preparing;  // normalize, clean, html, privacy, decontam
  std::vector<std::unique_ptr<Stage>> deciding;   // langid, classifier, length, quality rules
};

// Builds the chain for one source from its settings (the configuration with the
// source's manifest overrides).
StageChain build_stage_chain(const StageSettings& settings);

}  // namespace mucpt
