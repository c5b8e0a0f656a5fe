#pragma once
// A rule stage's decision as data (dolma's split: the stage measures, the table
// decides). Each rule compares one of the stage's stored measures with the limit an
// option holds and names the reason it rejects for; rules are tried in order and the
// first that rejects decides; a limit of 0 switches its rule off. A rule may hold only
// for some documents (CJK text skips the word-length rules, list-shaped text the prose
// rules): its condition, which the stage tells from its other measures and options.
// process() and decide_on_measures() both decide through the table, so `curate decide`
// applies a changed limit to stored measures exactly as a full run applies it.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "curation/stage.h"

namespace mucpt {

// What rejects: the measure below the limit, at most it, above it, or at least it.
enum class Rejects { below, at_most, above, at_least };

struct ThresholdRule {
  const char* option;  // holds the limit, e.g. gopher_quality.min_words
  size_t measure;      // its place among the stage's stored measures
  Rejects when;
  const char* reason;
  size_t condition = 0;  // 0: every document; else RuleTable::conditions[condition - 1]
};

struct RuleTable {
  const char* stage;
  std::vector<const char*> measures;    // the stored measures' names, in stored order
  std::vector<ThresholdRule> rules;     // in the order they are tried
  std::vector<const char*> conditions;  // when a conditional rule holds, in words
  std::vector<const char*> condition_options;  // the options the conditions read
};

// The option's value as a number (a flag as 0 or 1), from an options struct that
// declares its options through visit(key, field, help) (declared_options.h); throws
// std::logic_error for a key it does not declare.
template <class Options>
double option_value(Options options, const std::string& key) {
  bool found = false;
  double value = 0;
  options.visit([&](const auto& name, auto& field, const auto&) {
    using T = std::decay_t<decltype(field)>;
    if constexpr (std::is_arithmetic_v<T>) {
      if (key == name) {
        value = static_cast<double>(field);
        found = true;
      }
    }
  });
  if (!found) throw std::logic_error("rule tables: '" + key + "' is not a declared option");
  return value;
}

// A table with each rule's limit read, by its key, from the options.
class BoundRules {
 public:
  template <class Options>
  BoundRules(const RuleTable& table, const Options& options) : table_(table) {
    check_table(table);
    for (const ThresholdRule& rule : table.rules) limits_.push_back(option_value(options, rule.option));
  }

  // The verdict on one document's measures (in the table's stored order);
  // holds(condition) tells whether a conditional rule holds for this document.
  template <class Holds>
  Verdict decide(const double* measures, Holds&& holds) const {
    for (size_t i = 0; i < table_.rules.size(); ++i) {
      const ThresholdRule& rule = table_.rules[i];
      const double limit = limits_[i], value = measures[rule.measure];
      if (limit == 0 || (rule.condition != 0 && !holds(rule.condition))) continue;
      if (rejects(rule.when, value, limit)) return Verdict::rejected(rule.reason);
    }
    return Verdict::kept();
  }

 private:
  static bool rejects(Rejects when, double value, double limit) {
    switch (when) {
      case Rejects::below: return value < limit;
      case Rejects::at_most: return value <= limit;
      case Rejects::above: return value > limit;
      case Rejects::at_least: return value >= limit;
    }
    return false;
  }
  static void check_table(const RuleTable& table);  // measures and conditions named exist
  const RuleTable& table_;
  std::vector<double> limits_;
};

// Whether the table reads the option (as a limit or in a condition).
bool reads_option(const RuleTable& table, std::string_view key);

// The rule tables as a Markdown table: stage, option, measure, what rejects, reason, when.
std::string describe_rule_tables(const std::vector<const RuleTable*>& tables);

}  // namespace mucpt
