#include "evaluation/qa_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

namespace mucpt {

namespace {

// A group of items (all, a topic, an answer type).
struct Group {
  std::vector<Grade> grades;
  uint64_t missing = 0;
  void add(const GradedItem& item) {
    grades.push_back(item.grade);
    missing += item.missing;
  }
  nlohmann::json json(const BootstrapSettings& settings) const {
    nlohmann::json j = qa_scores_json(grades, settings);
    j["items"] = grades.size();
    j["missing"] = missing;
    return j;
  }
};

// Who graded the items: the rules, or the judge (report["graded_by"]: counts by
// graded_by_name, when evaluate ran one).
std::string graders_text(const nlohmann::json& r) {
  const std::string rules =
      "rules (gold answer or an alias stated; an answer that says it does not know is not attempted, a hedged "
      "guess is graded on what it states)";
  const nlohmann::json by = r.value("graded_by", nlohmann::json::object());
  const auto count = [&](const char* name) { return by.value(name, uint64_t(0)); };
  if (count("judge") + count("judge_cache") == 0 && count("rules_fallback") == 0) return rules;
  std::ostringstream text;
  text << "by the judge " << count("judge") << " items, from the judge's cache " << count("judge_cache") << ", by the "
       << rules << " " << count("rules") << " without an answer and " << count("rules_fallback")
       << " the judge failed on";
  return text.str();
}

}  // namespace

QaScores qa_scores(uint64_t correct, uint64_t incorrect, uint64_t not_attempted) {
  const uint64_t total = correct + incorrect + not_attempted, attempted = correct + incorrect;
  QaScores s;
  s.accuracy = total ? double(correct) / double(total) : 0.0;
  s.correct_given_attempted = attempted ? double(correct) / double(attempted) : 0.0;
  const double sum = s.accuracy + s.correct_given_attempted;
  s.f_score = sum > 0 ? 2 * s.accuracy * s.correct_given_attempted / sum : 0.0;
  return s;
}

QaIntervals qa_intervals(const std::vector<Grade>& grades, const BootstrapSettings& settings) {
  const auto values = bootstrap(grades.size(), settings, [&](const std::vector<size_t>& sample) {
    uint64_t counts[3] = {0, 0, 0};
    for (size_t i : sample) ++counts[static_cast<int>(grades[i])];
    const QaScores s = qa_scores(counts[static_cast<int>(Grade::correct)], counts[static_cast<int>(Grade::incorrect)],
                                 counts[static_cast<int>(Grade::not_attempted)]);
    // Over no attempted item, correct given attempted is undefined, not 0: such
    // resamples are left out of its interval (and counted).
    const bool attempted = counts[static_cast<int>(Grade::correct)] + counts[static_cast<int>(Grade::incorrect)] > 0;
    return std::vector<double>{s.accuracy, attempted ? s.correct_given_attempted : std::nan(""), s.f_score};
  });
  if (values.empty()) return {};
  QaIntervals intervals{percentile_interval(values[0]), percentile_interval(values[1]), percentile_interval(values[2])};
  intervals.resamples_without_attempts =
      static_cast<uint64_t>(std::count_if(values[1].begin(), values[1].end(), [](double v) { return std::isnan(v); }));
  return intervals;
}

nlohmann::json qa_scores_json(const std::vector<Grade>& grades, const BootstrapSettings& settings) {
  uint64_t counts[3] = {0, 0, 0};
  for (Grade g : grades) ++counts[static_cast<int>(g)];
  const uint64_t correct = counts[static_cast<int>(Grade::correct)], incorrect = counts[static_cast<int>(Grade::incorrect)],
                 not_attempted = counts[static_cast<int>(Grade::not_attempted)];
  const QaScores s = qa_scores(correct, incorrect, not_attempted);
  const QaIntervals ci = qa_intervals(grades, settings);
  return {{"correct", correct},
          {"incorrect", incorrect},
          {"not_attempted", not_attempted},
          {"accuracy", s.accuracy},
          {"accuracy_ci95", interval_json(ci.accuracy)},
          {"correct_given_attempted", s.correct_given_attempted},
          {"correct_given_attempted_ci95", interval_json(ci.correct_given_attempted)},
          {"correct_given_attempted_ci95_resamples_left_out", ci.resamples_without_attempts},
          {"f_score", s.f_score},
          {"f_score_ci95", interval_json(ci.f_score)}};
}

nlohmann::json qa_report(const std::vector<GradedItem>& items, const BootstrapSettings& settings) {
  Group all;
  std::map<std::string, Group> topics, answer_types;
  for (const auto& item : items) {
    all.add(item);
    topics[item.topic.empty() ? "(none)" : item.topic].add(item);
    answer_types[item.answer_type.empty() ? "(none)" : item.answer_type].add(item);
  }
  nlohmann::json report = all.json(settings);
  for (const auto& [topic, group] : topics) report["topics"][topic] = group.json(settings);
  for (const auto& [type, group] : answer_types) report["answer_types"][type] = group.json(settings);
  report["bootstrap"] = bootstrap_json(settings);
  return report;
}

std::string score_with_interval(const nlohmann::json& group, const std::string& key) {
  char cell[96];
  const auto& ci = group[key + "_ci95"];
  std::snprintf(cell, sizeof cell, "%.4f [%.4f, %.4f]", group[key].get<double>(), ci[0].get<double>(),
                ci[1].get<double>());
  return cell;
}

std::string render_qa_report_markdown(const nlohmann::json& r) {
  std::ostringstream md;
  auto table = [&](const std::string& by) {
    md << "| " << by << " | items | correct | incorrect | not attempted | accuracy | correct given attempted | F |\n"
       << "|---|---:|---:|---:|---:|---:|---:|---:|\n";
  };
  auto row = [&](const std::string& name, const nlohmann::json& c) {
    md << "| " << name << " | " << c["items"].get<uint64_t>() << " | " << c["correct"].get<uint64_t>() << " | "
       << c["incorrect"].get<uint64_t>() << " | " << c["not_attempted"].get<uint64_t>() << " | "
       << score_with_interval(c, "accuracy") << " | " << score_with_interval(c, "correct_given_attempted") << " | "
       << score_with_interval(c, "f_score") << " |\n";
  };
  md << "# Factual QA report\n\n";
  if (r.contains("benchmark")) md << "Benchmark: " << r["benchmark"].get<std::string>() << "\n\n";
  table("topic");
  row("all", r);
  for (auto it = r["topics"].begin(); it != r["topics"].end(); ++it) row(it.key(), it.value());
  md << "\n";
  table("answer type");
  for (auto it = r["answer_types"].begin(); it != r["answer_types"].end(); ++it) row(it.key(), it.value());
  md << "\nIn brackets: 95% percentile bootstrap intervals over the items of each row ("
     << r["bootstrap"]["resamples"].get<int64_t>() << " resamples, seed " << r["bootstrap"]["seed"].get<uint64_t>()
     << ").\n";
  if (r.value("missing", uint64_t(0)) > 0)
    md << "\n" << r["missing"].get<uint64_t>() << " items had no prediction and count as not attempted.\n";
  if (r.contains("prediction_lines")) {
    const auto& p = r["prediction_lines"];
    md << "\nPrediction lines: " << p["lines"].get<uint64_t>() << ", " << p["graded"].get<uint64_t>() << " graded, "
       << p["outside_selection"].get<uint64_t>() << " for items outside this run's topic or limit.\n";
  }
  md << "\nGrades: " << graders_text(r) << "; per item in graded.jsonl.\n";
  return md.str();
}

}  // namespace mucpt
