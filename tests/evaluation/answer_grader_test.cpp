// Answer grading: agreement with a real LLM judge's grades on 3,985 real answers, and
// the rules one by one.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "evaluation/grading/answer_grader.h"
#include "tests/test_support.h"

using namespace mucpt;

TEST_CASE("the grader agrees with the LLM judge on real SimpleQA answers") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::ifstream in(data + "/qa/graded_answers_dev.jsonl");
  std::map<std::pair<std::string, std::string>, int> confusion;
  std::map<std::string, int> judge, ours;
  int n = 0, agree = 0;
  for (std::string line; std::getline(in, line);) {
    auto row = nlohmann::json::parse(line);
    const std::string expected = row["grade"];
    const std::string got = grade_name(grade_answer(row["predicted"].get<std::string>(), {row["gold"].get<std::string>()}));
    ++confusion[{expected, got}];
    ++judge[expected];
    ++ours[got];
    ++n;
    agree += expected == got;
  }
  REQUIRE(n == 3985);
  // Cohen's kappa: agreement beyond what the two label frequencies give by chance.
  double chance = 0;
  for (const auto& [label, count] : judge) chance += double(count) / n * double(ours[label]) / n;
  const double observed = double(agree) / n, kappa = (observed - chance) / (1 - chance);
  std::ostringstream table;
  for (const auto& [pair, count] : confusion) table << pair.first << " -> " << pair.second << ": " << count << "\n";
  WARN("agreement with the judge " << observed << ", Cohen's kappa " << kappa << "\n" << table.str());
  CHECK(observed >= 0.92);
  CHECK(kappa >= 0.6);
  CHECK(confusion[{"CORRECT", "CORRECT"}] > 3200);
}

TEST_CASE("grading rules: numbers, dates, names, aliases, hedges, CJK") {
  CHECK(grade_answer("Hsien-Chung Wang had three daughters.", {"3"}) == Grade::correct);
  CHECK(grade_answer("He had four daughters.", {"3"}) == Grade::incorrect);
  CHECK(grade_answer("Mohammed Racim was born on 24 June 1896.", {"June 24th, 1896."}) == Grade::correct);
  CHECK(grade_answer("He was born on 24 June 1897.", {"June 24th, 1896."}) == Grade::incorrect);
  CHECK(grade_answer("The population was 97686.", {"97,686"}) == Grade::correct);
  CHECK(grade_answer("The winner in 2001 was Bruce Hapke.", {"Bruce W. Hapke"}) == Grade::correct);
  CHECK(grade_answer("The winner in 2001 was Bruce Smith.", {"Bruce W. Hapke"}) == Grade::incorrect);
  CHECK(grade_answer("Salvador Dalí", {"Salvador Dali"}) == Grade::correct);
  CHECK(grade_answer("It came out on Northwind.", {"Northwind Records", "Northwind"}) == Grade::correct);
  CHECK(grade_answer("The exact day is not explicitly stated in the article.", {"November 25, 2018"}) ==
        Grade::not_attempted);
  CHECK(grade_answer("", {"Paris"}) == Grade::not_attempted);
  CHECK(grade_answer("答案是周杰伦。", {"周杰伦"}) == Grade::correct);
  CHECK(grade_answer("答案是周伦杰。", {"周杰伦"}) == Grade::incorrect);
  CHECK(answer_tokens("The 3.5-inch disk, 1,024 KB; the 21st") ==
        std::vector<std::string>{"the", "3.5", "inch", "disk", "1024", "kb", "the", "21"});
}
