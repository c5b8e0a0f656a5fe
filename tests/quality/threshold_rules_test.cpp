// The rule tables: every rule reads a declared option and names a stored measure; a
// table rejects on its first failing rule, with the comparison and the limit-0 switch
// as declared; the options decide may change are exactly those the tables read.
#include "curation/quality/threshold_rules.h"

#include "tests/catch.h"
#include <set>
#include <stdexcept>
#include <string>

#include "curation/classifier/domain_classifier.h"
#include "curation/langid/language_filter.h"
#include "curation/quality/quality_stages.h"
#include "curation/stage_registry.h"
#include "curation/stages/length_filter.h"

using namespace mucpt;

TEST_CASE("every rule of every table reads a declared option and names a stored measure") {
  const QualityOptions defaults;
  size_t rules = 0;
  for (const RuleTable* table : rule_tables()) {
    INFO(table->stage);
    CHECK_NOTHROW(BoundRules(*table, defaults));
    for (const ThresholdRule& rule : table->rules) {
      CHECK(std::string(rule.option).rfind(std::string(table->stage) + ".", 0) == 0);
      CHECK(rule.measure < table->measures.size());
      CHECK(rule.condition <= table->conditions.size());
      ++rules;
    }
    for (const char* option : table->condition_options) CHECK_NOTHROW(option_value(defaults, option));
  }
  CHECK(rules == 27);
  CHECK_THROWS_AS(option_value(defaults, "gopher_quality.no_such_limit"), std::logic_error);
}

TEST_CASE("decide may change exactly the options the tables read") {
  std::set<std::string> read;
  for (const RuleTable* table : rule_tables()) {
    for (const ThresholdRule& rule : table->rules) read.insert(rule.option);
    for (const char* option : table->condition_options) read.insert(option);
  }
  CHECK(read.size() == 28);
  for (const std::string& key : read) CHECK(is_rule_threshold_option(key));
  // Options that change what is measured are not thresholds.
  for (const char* key : {"gopher_repetition.cjk_chars_per_word", "fineweb.short_line_max_chars",
                          "gopher_quality.enabled", "c4.min_sentences", "structure.min_lines"})
    CHECK_FALSE(is_rule_threshold_option(key));
}

TEST_CASE("a table rejects on its first failing rule, each comparison at its limit, and a limit of 0 is off") {
  const RuleTable table{"test",
                        {"words", "share", "list"},
                        {{"gopher_quality.min_words", 0, Rejects::below, "short"},
                         {"fineweb.line_punct_min", 1, Rejects::at_most, "unpunctuated", 1},
                         {"fineweb.char_dup_share", 1, Rejects::at_least, "duplicated"},
                         {"gopher_quality.max_words", 0, Rejects::above, "long"}},
                        {"not a list"},
                        {}};
  QualityOptions o;
  o.gopher_quality.min_words = 50;
  o.gopher_quality.max_words = 100;
  o.fineweb.line_punct_min = 0.2;
  o.fineweb.char_dup_share = 0.5;
  const BoundRules rules(table, o);
  const auto verdict = [&](double words, double share, bool list) {
    const double measures[] = {words, share, list ? 1.0 : 0.0};
    const Verdict v = rules.decide(measures, [&](size_t condition) { return condition == 1 && !list; });
    return v.keep() ? std::string("kept") : v.reject_reason;
  };
  CHECK(verdict(49, 0.3, false) == "short");
  CHECK(verdict(50, 0.3, false) == "kept");
  CHECK(verdict(50, 0.2, false) == "unpunctuated");  // at most: the limit itself rejects
  CHECK(verdict(50, 0.2, true) == "kept");           // the condition does not hold for a list
  CHECK(verdict(50, 0.5, false) == "duplicated");    // at least: the limit itself rejects
  CHECK(verdict(101, 0.3, false) == "long");
  CHECK(verdict(10, 0.1, false) == "short");  // the first failing rule names the reason

  o.gopher_quality.min_words = 0;  // off
  const BoundRules off(table, o);
  const double short_doc[] = {10, 0.3, 0};
  CHECK(off.decide(short_doc, [](size_t) { return true; }).keep());
}

TEST_CASE("the tables print as one Markdown table") {
  const std::string text = describe_rule_tables(rule_tables());
  CHECK(text.rfind("| stage | option | rejects when | reason | for |", 0) == 0);
  CHECK(text.find("| gopher_quality | `gopher_quality.min_words` | gopher_words < limit | short_doc | every document |") !=
        std::string::npos);
  CHECK(text.find("| fineweb | `fineweb.short_line_share` | fineweb_short_lines >= limit | short_line_ratio |") !=
        std::string::npos);
}

TEST_CASE("language ID, the classifier and length decide through tables of their own options") {
  CHECK_NOTHROW(BoundRules(langid_rules(), LanguageIdOptions{}));
  CHECK_NOTHROW(BoundRules(classifier_rules(), ClassifierOptions{}));
  CHECK_NOTHROW(BoundRules(length_rules(), LengthOptions{}));
  const auto& all = threshold_rule_tables();
  REQUIRE(all.size() == 3 + rule_tables().size());
  std::set<std::string> read;
  for (const RuleTable* table : all)
    for (const ThresholdRule& rule : table->rules) read.insert(rule.option);
  for (const char* key : {"langid.threshold", "classifier.threshold", "length.min_chars", "length.max_chars"}) {
    CHECK(read.count(key) == 1);
    CHECK(is_threshold_option(key));
  }
  // The language list is a set applied to the stored language; the rest change what is
  // measured or how a kept document is weighted, so decide needs the text for them.
  CHECK(is_threshold_option("langid.languages"));
  for (const char* key : {"langid.model", "classifier.policy", "classifier.label", "classifier.weight_scale",
                          "classifier.by_paragraph"})
    CHECK_FALSE(is_threshold_option(key));
  const std::string text = describe_rule_tables(all);
  CHECK(text.find("| langid | `langid.threshold` | lang_p < limit | low_language_score | every document |") !=
        std::string::npos);
  CHECK(text.find("| classifier | `classifier.threshold` | p(label) < limit | off_domain | policy threshold or weight |") !=
        std::string::npos);
}
