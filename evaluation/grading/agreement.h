#pragma once
// How far two graders agree on the same answers (a reference judge's grades and ours):
// the share of answers graded alike, the share per judge grade (of the answers the
// judge called CORRECT, how many we called CORRECT...), Cohen's kappa (agreement beyond
// what the two graders' label frequencies give by chance), and the 3x3 confusion table.
#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "evaluation/grading/answer_grader.h"

namespace mucpt {

class Agreement {
 public:
  void add(Grade judge, Grade ours);

  uint64_t total() const;
  uint64_t count(Grade judge, Grade ours) const;
  double overall() const;                 // 0 when empty
  double for_judge_grade(Grade judge) const;  // 0 when the judge gave that grade to none
  uint64_t judge_count(Grade judge) const;
  double kappa() const;  // 1 when both graders gave one and the same label throughout

  // Rows: the judge's grades; columns: ours; a last column with the row's agreement.
  std::string confusion_table() const;
  // {"pairs", "agreement", "kappa", "per_judge_grade": {"CORRECT": {"judge", "agreed",
  // "agreement"}...}, "confusion": {"CORRECT": {"CORRECT": n, ...}, ...}}
  nlohmann::json to_json() const;

 private:
  std::array<std::array<uint64_t, 3>, 3> counts_{};  // [judge][ours]
};

}  // namespace mucpt
