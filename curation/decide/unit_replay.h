#pragma once
// One work unit decided again from a finished run's outputs when only thresholds
// changed. The text stages' options are the run's, so each document's text at every
// stage is the one the run saw; what can change is where a document stops. For each
// document the run measured (measured/, in line order), the changed stages give their
// verdicts on the stored measures (Stage::decide_on_measures):
//   - where they decide as the run did, the run's lines are taken as they are: the
//     measures, then the document line and its dedup signature, or the reject line;
//   - where a verdict differs (or cannot be given without the text), the document is
//     parsed from the input again and run through the stages with the run's options and
//     with the new ones: the new run writes it, and the unit's counters become the
//     run's, less what the run counted for it, plus what the new options count.
// Parse and preparing-stage rejects are the run's. The result is what run_unit
// writes with the new options, for the time of reading and writing the unit.
#include <nlohmann/json.hpp>

#include "common/progress.h"
#include "curation/decide/finished_run.h"
#include "curation/unit_runner.h"

namespace mucpt {

// `job` holds the new options' stages; `finished_stages` and `finished_join` are built
// from the finished run's settings for the same source. Returns the unit's statistics
// (also written to its stats file).
nlohmann::json replay_unit(const UnitJob& job, const FinishedRun& finished, StageChain& finished_stages,
                           Stage* finished_join, Progress& progress);

// Whether the run's unit can be decided this way (it read its input without a fault).
bool can_replay_unit(const FinishedRun& finished, size_t unit);

}  // namespace mucpt
