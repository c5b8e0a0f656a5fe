#include "curation/quality/threshold_rules.h"

#include <stdexcept>
#include <type_traits>

#include "curation/quality/quality_stages.h"

namespace mucpt {

double quality_option_value(const QualityOptions& options, const std::string& key) {
  QualityOptions copy = options;
  bool found = false;
  double value = 0;
  visit_quality_options(copy, [&](const char* name, auto& field, const char*) {
    using T = std::decay_t<decltype(field)>;
    if constexpr (std::is_arithmetic_v<T>) {
      if (key == name) {
        value = static_cast<double>(field);
        found = true;
      }
    }
  });
  if (!found) throw std::logic_error("rule tables: '" + key + "' is not a quality option");
  return value;
}

BoundRules::BoundRules(const RuleTable& table, const QualityOptions& options) : table_(table) {
  for (const ThresholdRule& rule : table.rules) {
    if (rule.measure >= table.measures.size() || rule.condition > table.conditions.size())
      throw std::logic_error(std::string("rule tables: a rule of ") + table.stage + " names no measure or condition");
    limits_.push_back(quality_option_value(options, rule.option));
  }
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
