#include "evaluation/grading/agreement.h"

#include <cstdio>
#include <sstream>

namespace mucpt {

namespace {

constexpr Grade kGrades[] = {Grade::correct, Grade::incorrect, Grade::not_attempted};

size_t index_of(Grade g) { return static_cast<size_t>(g); }

}  // namespace

void Agreement::add(Grade judge, Grade ours) { ++counts_[index_of(judge)][index_of(ours)]; }

uint64_t Agreement::count(Grade judge, Grade ours) const { return counts_[index_of(judge)][index_of(ours)]; }

uint64_t Agreement::total() const {
  uint64_t n = 0;
  for (const auto& row : counts_)
    for (uint64_t c : row) n += c;
  return n;
}

uint64_t Agreement::judge_count(Grade judge) const {
  uint64_t n = 0;
  for (uint64_t c : counts_[index_of(judge)]) n += c;
  return n;
}

double Agreement::overall() const {
  const uint64_t n = total();
  if (n == 0) return 0;
  uint64_t agreed = 0;
  for (Grade g : kGrades) agreed += count(g, g);
  return static_cast<double>(agreed) / static_cast<double>(n);
}

double Agreement::for_judge_grade(Grade judge) const {
  const uint64_t n = judge_count(judge);
  return n == 0 ? 0 : static_cast<double>(count(judge, judge)) / static_cast<double>(n);
}

double Agreement::kappa() const {
  const double n = static_cast<double>(total());
  if (n == 0) return 0;
  double chance = 0;
  for (Grade g : kGrades) {
    uint64_t ours = 0;
    for (Grade j : kGrades) ours += count(j, g);
    chance += static_cast<double>(judge_count(g)) / n * static_cast<double>(ours) / n;
  }
  if (chance >= 1) return 1;  // one label throughout, the same for both
  return (overall() - chance) / (1 - chance);
}

std::string Agreement::confusion_table() const {
  std::ostringstream out;
  char line[160];
  std::snprintf(line, sizeof line, "%-15s %10s %10s %14s %10s\n", "judge \\ ours", "CORRECT", "INCORRECT",
                "NOT_ATTEMPTED", "agreement");
  out << line;
  for (Grade j : kGrades) {
    std::snprintf(line, sizeof line, "%-15s %10llu %10llu %14llu %9.1f%%\n", grade_name(j),
                  static_cast<unsigned long long>(count(j, Grade::correct)),
                  static_cast<unsigned long long>(count(j, Grade::incorrect)),
                  static_cast<unsigned long long>(count(j, Grade::not_attempted)), 100 * for_judge_grade(j));
    out << line;
  }
  return out.str();
}

nlohmann::json Agreement::to_json() const {
  nlohmann::json per_grade = nlohmann::json::object(), confusion = nlohmann::json::object();
  for (Grade j : kGrades) {
    per_grade[grade_name(j)] = {
        {"judge", judge_count(j)}, {"agreed", count(j, j)}, {"agreement", for_judge_grade(j)}};
    for (Grade o : kGrades) confusion[grade_name(j)][grade_name(o)] = count(j, o);
  }
  return {{"pairs", total()},
          {"agreement", overall()},
          {"kappa", kappa()},
          {"per_judge_grade", per_grade},
          {"confusion", confusion}};
}

}  // namespace mucpt
