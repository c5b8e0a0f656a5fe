#pragma once
// The run report: unit statistics summed into totals per file, per source and per
// stage, written as report.json and a human-readable report.md.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mucpt {

// Every line read is a document written or a reject written; throws std::logic_error
// (an internal fault) naming `where` when they differ.
void check_unit_balance(const std::string& where, uint64_t lines_read, uint64_t docs_written, uint64_t rejects_written);

// into += sign x from, number by number through objects (lists are appended when
// adding): unit statistics add up over units, and over a unit's documents. Throws
// std::logic_error naming the key when a count would fall below zero.
void add_counts(nlohmann::json& into, const nlohmann::json& from, int sign = 1);

// Sums unit statistics (numbers add up, lists concatenate, objects merge by key) and
// checks that every file balances: documents in = out + rejected.
nlohmann::json merge_unit_stats(const std::vector<nlohmann::json>& units);

std::string render_report_markdown(const nlohmann::json& report);

}  // namespace mucpt
