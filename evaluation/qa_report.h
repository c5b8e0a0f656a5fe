#pragma once
// The scores of a factual-QA run, as SimpleQA reports them: the share of items answered
// correctly, the share correct among those attempted, and their harmonic mean (F), in
// total and per topic.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "evaluation/grading/answer_grader.h"

namespace mucpt {

struct GradedItem {
  std::string id, question, gold, predicted, topic;
  Grade grade = Grade::not_attempted;
  std::string rule;      // the grading rule that decided
  bool missing = false;  // no prediction was given for the item
};

nlohmann::json qa_report(const std::vector<GradedItem>& items);
std::string render_qa_report_markdown(const nlohmann::json& report);

}  // namespace mucpt
