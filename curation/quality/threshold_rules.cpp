#include "curation/quality/threshold_rules.h"

namespace mucpt {

void BoundRules::check_table(const RuleTable& table) {
  for (const ThresholdRule& rule : table.rules)
    if (rule.measure >= table.measures.size() || rule.condition > table.conditions.size())
      throw std::logic_error(std::string("rule tables: a rule of ") + table.stage + " names no measure or condition");
}

bool reads_option(const RuleTable& table, std::string_view key) {
  for (const ThresholdRule& rule : table.rules)
    if (key == rule.option) return true;
  for (const char* option : table.condition_options)
    if (key == option) return true;
  return false;
}

std::string describe_rule_tables(const std::vector<const RuleTable*>& tables) {
  static const char* kWhen[] = {"<", "<=", ">", ">="};
  std::string out = "| stage | option | rejects when | reason | for |\n|---|---|---|---|---|\n";
  for (const RuleTable* table : tables) {
    for (const ThresholdRule& rule : table->rules) {
      out += std::string("| ") + table->stage + " | `" + rule.option + "` | " + table->measures[rule.measure] + " " +
             kWhen[static_cast<int>(rule.when)] + " limit | " + rule.reason + " | " +
             (rule.condition == 0 ? "every document" : table->conditions[rule.condition - 1]) + " |\n";
    }
  }
  return out;
}

}  // namespace mucpt
