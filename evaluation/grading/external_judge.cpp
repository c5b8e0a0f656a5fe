#include "evaluation/grading/external_judge.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "common/log.h"
#include "evaluation/grading/judge_process.h"

namespace mucpt {

namespace {

// Each failed item is named in the log up to this many times per rank; after that
// they are only counted (judge.json), so a broken judge does not flood the log.
constexpr uint64_t kFallbacksLogged = 10;

bool is_blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

}  // namespace

const char* graded_by_name(GradedBy by) {
  switch (by) {
    case GradedBy::rules: return "rules";
    case GradedBy::judge: return "judge";
    case GradedBy::judge_cache: return "judge_cache";
    case GradedBy::rules_fallback: return "rules_fallback";
  }
  return "rules";
}

std::optional<Grade> parse_judge_output(std::string_view output) {
  const char* space = " \t\r\n\f\v";
  const size_t begin = output.find_first_not_of(space);
  if (begin == std::string_view::npos) return std::nullopt;
  std::string word(output.substr(begin, output.find_last_not_of(space) - begin + 1));
  for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (word == "CORRECT" || word == "A") return Grade::correct;
  if (word == "INCORRECT" || word == "B") return Grade::incorrect;
  if (word == "NOT_ATTEMPTED" || word == "C") return Grade::not_attempted;
  return std::nullopt;
}

std::string judge_request(const std::string& question, const std::string& gold, const std::vector<std::string>& aliases,
                          const std::string& predicted) {
  nlohmann::json request{{"question", question}, {"gold", gold}, {"predicted", predicted}};
  if (!aliases.empty()) request["aliases"] = aliases;
  // A model's answer may end inside a UTF-8 sequence: sent with U+FFFD there.
  return request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Verdict grade_by_rules(std::string_view predicted, const std::vector<std::string>& accepted) {
  const GradeDecision decision = grade_answer(predicted, accepted);
  return {decision.grade, GradedBy::rules, decision.rule};
}

ExternalJudge::ExternalJudge(JudgeOptions options, int rank)
    : options_(std::move(options)), cache_(options_.cache_path, rank) {}

Verdict ExternalJudge::grade(const std::string& question, const std::vector<std::string>& accepted,
                             const std::string& predicted) {
  if (is_blank(predicted)) return grade_by_rules(predicted, accepted);
  const std::string request =
      judge_request(question, accepted.front(), std::vector<std::string>(accepted.begin() + 1, accepted.end()), predicted);
  const std::string key = JudgeCache::key(options_.command, options_.id, request);
  if (auto cached = cache_.find(key)) return {*cached, GradedBy::judge_cache, "external_judge"};
  std::string failure;
  for (int attempt = 0; attempt <= options_.retries; ++attempt) {
    if (auto grade = ask(request, failure)) {
      cache_.add(key, *grade);
      return {*grade, GradedBy::judge, "external_judge"};
    }
  }
  if (++fallbacks_ <= kFallbacksLogged)
    log_warn("the judge failed on the question '", question.substr(0, 80), "' (", options_.retries + 1,
             options_.retries == 0 ? " run" : " runs", "; last: ", failure, "); graded by the rules",
             fallbacks_ == kFallbacksLogged ? " (further failures are only counted, in judge.json)" : "");
  Verdict verdict = grade_by_rules(predicted, accepted);
  verdict.by = GradedBy::rules_fallback;
  return verdict;
}

std::optional<Grade> ExternalJudge::ask(const std::string& request, std::string& failure) {
  ++runs_;
  const JudgeProcessResult result = run_judge_process(options_.command, request, options_.timeout_s);
  std::optional<Grade> grade;
  if (result.timed_out || result.exit_code != 0) {
    failure = describe_failure(result, options_.timeout_s);
  } else if (result.out_truncated) {
    failure = "it wrote more than " + std::to_string(result.out.size()) + " bytes, not a grade";
  } else if (!(grade = parse_judge_output(result.out))) {
    std::string said = result.out.substr(0, 80);
    while (!said.empty() && std::isspace(static_cast<unsigned char>(said.back()))) said.pop_back();
    failure = "it wrote '" + said + "', not CORRECT, INCORRECT, NOT_ATTEMPTED, A, B or C";
  }
  if (!grade) ++failed_runs_;
  return grade;
}

}  // namespace mucpt
