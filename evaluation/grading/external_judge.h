#pragma once
// An external judge: the user's command (typically a script that asks an LLM, as
// SimpleQA's grader does) grades one answer per run. It reads one JSON object on its
// stdin, {"question", "gold", "predicted"} and "aliases" when the item has any, and
// writes the grade on its stdout: CORRECT, INCORRECT or NOT_ATTEMPTED, or
// simple-evals' letters A, B or C (any case, surrounding whitespace ignored). A run that
// exits non-zero, outlives the timeout or writes anything else fails and is tried
// again, up to `retries` times; then the rules of answer_grader.h grade the answer.
// The judge's grades are cached by content (judge_cache.h), so a rerun asks again
// only what it has not answered.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evaluation/grading/answer_grader.h"
#include "evaluation/grading/judge_cache.h"

namespace mucpt {

struct JudgeOptions {
  std::string command;  // run with /bin/sh -c
  double timeout_s = 60;
  int retries = 2;
  std::string cache_path;
  std::string id;  // in the cache key beside the command (the judge's model, say)
};

// Who gave a row its grade.
enum class GradedBy { rules, judge, judge_cache, rules_fallback };
const char* graded_by_name(GradedBy by);  // "rules", "judge", "judge_cache", "rules_fallback"

struct Verdict {
  Grade grade;
  GradedBy by;
  std::string rule;  // the rule that decided (answer_grader.h), or "external_judge"
};

// The grade a judge wrote, or nullopt when its output is not one.
std::optional<Grade> parse_judge_output(std::string_view output);

// The JSON line sent to the judge (keys sorted, so equal items hash equally).
std::string judge_request(const std::string& question, const std::string& gold, const std::vector<std::string>& aliases,
                          const std::string& predicted);

// accepted: the gold answer first, then its aliases (as grade_answer takes them).
Verdict grade_by_rules(std::string_view predicted, const std::vector<std::string>& accepted);

class ExternalJudge {
 public:
  ExternalJudge(JudgeOptions options, int rank);

  // A blank answer is NOT_ATTEMPTED by the rules: no judge is asked about nothing.
  Verdict grade(const std::string& question, const std::vector<std::string>& accepted, const std::string& predicted);

  uint64_t runs() const { return runs_; }          // judge processes started, retries included
  uint64_t failed_runs() const { return failed_runs_; }

 private:
  std::optional<Grade> ask(const std::string& request, std::string& failure);

  JudgeOptions options_;
  JudgeCache cache_;
  uint64_t runs_ = 0, failed_runs_ = 0, fallbacks_ = 0;
};

}  // namespace mucpt
