#pragma once
// The run report: unit statistics summed into totals per file, per source and per
// stage, written as report.json and a human-readable report.md.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mucpt {

// Sums unit statistics (numbers add up, lists concatenate, objects merge by key).
nlohmann::json merge_unit_stats(const std::vector<nlohmann::json>& units);

std::string render_report_markdown(const nlohmann::json& report);

}  // namespace mucpt
