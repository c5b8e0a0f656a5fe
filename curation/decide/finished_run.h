#pragma once
// The run `curate decide` decides on: where its outputs lie and, when every option
// changed is a threshold the stages apply to stored measures, its own settings, so
// that each document decided as that run decided it is taken from its outputs as it
// is (see unit_replay.h).
#include <set>
#include <string>
#include <vector>

#include "curation/stage_settings.h"
#include "curation/unit_runner.h"

namespace mucpt {

struct FinishedRun {
  OutputLayout layout;
  bool streamed = false;  // its documents wait in stream/ with their dedup signatures
  // Empty unless only thresholds changed: the run's settings per source, and the
  // stages whose thresholds changed.
  std::vector<StageSettings> settings;
  std::set<std::string> changed_stages;
  bool replays() const { return !settings.empty(); }
};

}  // namespace mucpt
