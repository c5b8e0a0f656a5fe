#include "training/train/metrics_log.h"

#include <filesystem>
#include <map>

#include "common/line_reader.h"
#include "common/line_writer.h"

namespace mucpt {

namespace {

// The lines of steps 1..last, one per step in step order. When a step appears twice
// (a log from before this rule), the later line is the one the continuing run wrote.
// A line that does not parse is dropped: a kill can cut the last line short.
std::string lines_up_to(const std::string& path, int64_t last) {
  std::map<int64_t, std::string> by_step;
  LineReader reader(path);
  std::string_view line;
  while (reader.next(line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("step") || !j["step"].is_number_integer()) continue;
    const int64_t step = j["step"].get<int64_t>();
    if (step >= 1 && step <= last) by_step[step] = std::string(line);
  }
  std::string kept;
  for (const auto& [step, text] : by_step) kept += text + "\n";
  return kept;
}

}  // namespace

MetricsLog::MetricsLog(const std::string& path, int64_t start_step) {
  const std::string kept = std::filesystem::exists(path) ? lines_up_to(path, start_step) : std::string();
  write_file_atomically(path, kept);
  out_.open(path, std::ios::app);
  if (!out_) throw IoError(path + ": cannot be opened for writing");
}

void MetricsLog::write(const nlohmann::json& line) { out_ << line.dump() << "\n" << std::flush; }

}  // namespace mucpt
