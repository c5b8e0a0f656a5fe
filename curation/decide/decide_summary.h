#pragma once
// What a `curate decide` changed against the run it started from: the options given,
// documents out, rejects per stage and reason, and tokens, each as [before, after]
// (NEW/decide.json, and a few lines in the log).
#include <nlohmann/json.hpp>
#include <string>

namespace mucpt {

// `before` and `after` are the runs' report.json; `run_options` the run's recorded
// options (run.json), `decided_options` the decided run's.
nlohmann::json decide_summary(const nlohmann::json& before, const nlohmann::json& after,
                              const nlohmann::json& run_options, const nlohmann::json& decided_options);

// The summary as log lines.
std::string describe_decide_summary(const nlohmann::json& summary);

}  // namespace mucpt
