#pragma once
// RUN/metrics.jsonl: one line per optimizer step. A run that starts at step k (resumed
// from checkpoint k, or 0 for a fresh start) first cuts the file back to the lines of
// steps 1..k: a run killed after its last checkpoint has logged steps that the resumed
// run does again, and those lines must not appear twice. So after any kill and rerun
// the log equals an uninterrupted run's, one line per step.
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace mucpt {

class MetricsLog {
 public:
  MetricsLog(const std::string& path, int64_t start_step);
  void write(const nlohmann::json& line);  // one step's line, flushed

 private:
  std::ofstream out_;
};

}  // namespace mucpt
