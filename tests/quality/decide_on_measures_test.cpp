// The rules' verdicts from stored measures (what `curate decide` applies when only
// thresholds change) against the verdicts of the rules run on the text: measured with
// one set of thresholds, decided with another, they must agree on every text.
#include "tests/catch.h"
#include <set>

#include "common/config.h"
#include "tests/quality/quality_test_util.h"

using namespace mucpt;
using quality_test::han;
using quality_test::words;

namespace {

Stage& stage_named(std::vector<std::unique_ptr<Stage>>& stages, const std::string& name) {
  for (auto& s : stages)
    if (name == s->name()) return *s;
  FAIL("no stage " << name);
  throw;
}

std::string verdict_name(const std::optional<Verdict>& v) {
  if (!v) return "<none>";
  return v->keep() ? "" : v->reject_reason;
}

std::vector<std::string> texts() {
  std::vector<std::string> out;
  for (size_t n : {10, 30, 60, 120}) out.push_back("The " + words(n) + " and it.");
  std::string bullets, dup_lines, short_lines, few_punctuated;
  for (int i = 0; i < 12; ++i) {
    few_punctuated += "the " + words(8, 5, static_cast<size_t>(i) * 8) + (i % 3 == 0 ? " and.\n" : " and\n");
    bullets += "- the " + words(6, 5, static_cast<size_t>(i) * 6) + " and\n";
    dup_lines += "The same line of words is here and there.\n";
    short_lines += words(2, 4, static_cast<size_t>(i) * 2) + "\n";
  }
  out.push_back(bullets);
  out.push_back(dup_lines + "The " + words(40) + " and.");
  out.push_back(short_lines + "The " + words(20) + " and it is.");
  out.push_back(few_punctuated);
  out.push_back(han(120));
  out.push_back("Tracks:\n1. " + words(2) + "\n2. " + words(2, 5, 2) + "\n3. " + words(2, 5, 4) + "\n4. " +
                words(2, 5, 6));
  return out;
}

}  // namespace

TEST_CASE("decide_on_measures gives the verdict the rule gives on the text, for other thresholds") {
  const Config measured_with = quality_test::default_config();
  const Config decided_with = quality_test::default_config(
      {"--gopher_quality.min_words=20", "--gopher_quality.min_stop_words=4", "--gopher_quality.max_bullet_lines=0.2",
       "--gopher_repetition.top_2_gram=0.05", "--gopher_repetition.dup_line_frac=0.05", "--fineweb.line_punct_min=0.5",
       "--fineweb.short_line_share=0.3", "--fineweb.newline_word_ratio=0.1"});
  auto measuring = quality_test::stages_for(measured_with);
  auto deciding = quality_test::stages_for(decided_with);
  std::set<std::string> differing;
  for (const std::string& text : texts()) {
    for (const char* name : {"gopher_repetition", "gopher_quality", "fineweb"}) {
      INFO(name << " on: " << text.substr(0, 60));
      Document doc;
      doc.text = text;
      const std::string before = verdict_name(stage_named(measuring, name).process(doc));
      const std::string from_measures = verdict_name(stage_named(deciding, name).decide_on_measures(doc));
      Document fresh;
      fresh.text = text;
      const std::string from_text = verdict_name(stage_named(deciding, name).process(fresh));
      CHECK(from_measures == from_text);
      if (from_text != before) differing.insert(name);
    }
  }
  // The thresholds chosen change verdicts in every rule, so each comparison counts.
  CHECK(differing == std::set<std::string>{"gopher_repetition", "gopher_quality", "fineweb"});
}

TEST_CASE("decide_on_measures needs the rule's own stored measures") {
  auto stages = quality_test::stages_for(quality_test::default_config());
  Document doc;
  doc.text = "The " + words(60) + " and it.";
  CHECK_FALSE(stage_named(stages, "gopher_quality").decide_on_measures(doc).has_value());
  stage_named(stages, "fineweb").process(doc);
  CHECK_FALSE(stage_named(stages, "gopher_quality").decide_on_measures(doc).has_value());
  CHECK(stage_named(stages, "fineweb").decide_on_measures(doc).has_value());
  // Stages that change the text give no verdict without it.
  CHECK_FALSE(stage_named(stages, "c4").decide_on_measures(doc).has_value());
}

TEST_CASE("threshold options are options of the rules that decide on measures") {
  Config config = quality_test::default_config();
  const auto keys = config.values_as_text();
  size_t thresholds = 0;
  for (const auto& [key, value] : keys) {
    if (!is_rule_threshold_option(key)) continue;
    ++thresholds;
    const std::string section = key.substr(0, key.find('.'));
    CHECK((section == "gopher_repetition" || section == "gopher_quality" || section == "fineweb"));
  }
  CHECK(thresholds == 28);
  // What changes the measures or the text is not a threshold.
  for (const char* key : {"fineweb.short_line_max_chars", "gopher_repetition.cjk_chars_per_word",
                          "gopher_quality.enabled", "c4.min_sentences", "structure.min_lines"}) {
    INFO(key);
    CHECK(keys.count(key) == 1);
    CHECK_FALSE(is_rule_threshold_option(key));
  }
}
