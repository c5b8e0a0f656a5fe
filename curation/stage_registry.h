#pragma once
// The per-document stages of `curate`, in order, with their options.
#include <memory>
#include <vector>

#include "common/config.h"
#include "curation/quality/threshold_rules.h"
#include "curation/stage_settings.h"
#include "curation/stage.h"

namespace mucpt {

// The switches of the first two stages (the rest carry their own option structs).
struct TextPreparationOptions {
  bool normalize = true;
  bool clean = true;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("normalize.enabled", normalize, "Unicode NFC normalisation of the text");
    v("clean.enabled", clean, "remove control/invisible characters and tidy whitespace");
  }
};

void register_stage_options(Config& config);

// The stage chain of one source, in order: first the stages that prepare the text
// (cheap to run again), then those that measure it and decide on thresholds. What the
// deciding stages measured on each document is kept in measured/, so that `curate
// decide` can run the chain again with other thresholds without measuring again.
struct StageChain {
  std::vector<std::unique_ptr<Stage>> preparing;  // normalize, clean, html, privacy, decontam
  std::vector<std::unique_ptr<Stage>> deciding;   // langid, classifier, length, quality rules
};

// The rule tables of the deciding stages, in chain order: language ID, the domain
// classifier, length, then the quality rules (threshold_rules.h).
const std::vector<const RuleTable*>& threshold_rule_tables();

// Whether an option only compares a stage's stored measures with a limit (the stages'
// Stage::decide_on_measures): language ID's languages and every option the rule tables
// read. `curate decide` applies a change of these to a run's measures without reading
// the text again.
bool is_threshold_option(const std::string& key);

// Builds the chain for one source from its settings (the configuration with the
// source's manifest overrides).
StageChain build_stage_chain(const StageSettings& settings);

}  // namespace mucpt
