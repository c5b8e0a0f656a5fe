#pragma once
// The scores of a factual-QA run, as SimpleQA reports them: the share of items answered
// correctly, the share correct among those attempted, and their harmonic mean (F), in
// total, per topic and per answer type, each with a 95% percentile bootstrap interval
// over the items.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "evaluation/bootstrap.h"
#include "evaluation/grading/answer_grader.h"

namespace mucpt {

struct GradedItem {
  std::string id, question, gold, predicted, topic;
  std::string answer_type;  // the benchmark's (Person, Date, Number...); may be empty
  Grade grade = Grade::not_attempted;
  std::string rule;      // the grading rule that decided
  bool missing = false;  // no prediction was given for the item
};

struct QaScores {
  double accuracy = 0, correct_given_attempted = 0, f_score = 0;
};
QaScores qa_scores(uint64_t correct, uint64_t incorrect, uint64_t not_attempted);

// Each score's interval over resamples of the graded items (with replacement).
struct QaIntervals {
  Interval accuracy, correct_given_attempted, f_score;
  uint64_t resamples_without_attempts = 0;  // left out of correct_given_attempted's interval
};
QaIntervals qa_intervals(const std::vector<Grade>& grades, const BootstrapSettings& settings);

// The count of each grade, the three scores and their intervals (`accuracy`,
// `accuracy_ci95`, ...), as report.json gives them for each group of items.
nlohmann::json qa_scores_json(const std::vector<Grade>& grades, const BootstrapSettings& settings);

nlohmann::json qa_report(const std::vector<GradedItem>& items, const BootstrapSettings& settings = {});
std::string render_qa_report_markdown(const nlohmann::json& report);

// "0.4521 [0.3990, 0.5044]": a score and its interval, as the Markdown reports show them.
std::string score_with_interval(const nlohmann::json& group, const std::string& key);

}  // namespace mucpt
