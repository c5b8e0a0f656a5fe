#include "evaluation/qa_report.h"

#include <cstdio>
#include <map>
#include <sstream>

namespace mucpt {

namespace {

struct Counts {
  uint64_t correct = 0, incorrect = 0, not_attempted = 0, missing = 0;
  void add(const GradedItem& item) {
    if (item.grade == Grade::correct) ++correct;
    else if (item.grade == Grade::incorrect) ++incorrect;
    else ++not_attempted;
    missing += item.missing;
  }
  nlohmann::json json() const {
    const uint64_t total = correct + incorrect + not_attempted, attempted = correct + incorrect;
    const double accuracy = total ? double(correct) / double(total) : 0.0;
    const double given_attempted = attempted ? double(correct) / double(attempted) : 0.0;
    const double f = accuracy + given_attempted > 0 ? 2 * accuracy * given_attempted / (accuracy + given_attempted) : 0.0;
    return {{"items", total},         {"correct", correct},   {"incorrect", incorrect},
            {"not_attempted", not_attempted}, {"missing", missing}, {"accuracy", accuracy},
            {"correct_given_attempted", given_attempted}, {"f_score", f}};
  }
};

}  // namespace

nlohmann::json qa_report(const std::vector<GradedItem>& items) {
  Counts all;
  std::map<std::string, Counts> topics;
  for (const auto& item : items) {
    all.add(item);
    topics[item.topic.empty() ? "(none)" : item.topic].add(item);
  }
  nlohmann::json report = all.json();
  for (const auto& [topic, counts] : topics) report["topics"][topic] = counts.json();
  return report;
}

std::string render_qa_report_markdown(const nlohmann::json& r) {
  std::ostringstream md;
  auto row = [&](const std::string& name, const nlohmann::json& c) {
    char line[256];
    std::snprintf(line, sizeof line, "| %s | %llu | %llu | %llu | %llu | %.4f | %.4f | %.4f |\n", name.c_str(),
                  static_cast<unsigned long long>(c["items"].get<uint64_t>()),
                  static_cast<unsigned long long>(c["correct"].get<uint64_t>()),
                  static_cast<unsigned long long>(c["incorrect"].get<uint64_t>()),
                  static_cast<unsigned long long>(c["not_attempted"].get<uint64_t>()), c["accuracy"].get<double>(),
                  c["correct_given_attempted"].get<double>(), c["f_score"].get<double>());
    md << line;
  };
  md << "# Factual QA report\n\n";
  if (r.contains("benchmark")) md << "Benchmark: " << r["benchmark"].get<std::string>() << "\n\n";
  md << "| topic | items | correct | incorrect | not attempted | accuracy | correct given attempted | F |\n"
     << "|---|---:|---:|---:|---:|---:|---:|---:|\n";
  row("all", r);
  for (auto it = r["topics"].begin(); it != r["topics"].end(); ++it) row(it.key(), it.value());
  if (r.value("missing", uint64_t(0)) > 0)
    md << "\n" << r["missing"].get<uint64_t>() << " items had no prediction and count as not attempted.\n";
  if (r.contains("prediction_lines")) {
    const auto& p = r["prediction_lines"];
    md << "\nPrediction lines: " << p["lines"].get<uint64_t>() << ", " << p["graded"].get<uint64_t>() << " graded, "
       << p["outside_selection"].get<uint64_t>() << " for items outside this run's topic or limit.\n";
  }
  md << "\nGrades: rules (gold answer or an alias stated; hedged answers are not attempted); "
        "per item in graded.jsonl.\n";
  return md.str();
}

}  // namespace mucpt
