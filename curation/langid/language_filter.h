#pragma once
// Language identification with a fastText model (lid.176): the top label and its
// probability go to scores.lang and scores.lang_p; documents outside the kept
// languages (a set, checked first), or identified with too little confidence (the rule
// table langid_rules()), are dropped. The prediction is kept for `curate decide`
// (measure_cache.h).
#include <memory>
#include <set>
#include <string>

#include "curation/fasttext_model.h"
#include "curation/quality/threshold_rules.h"
#include "curation/stage.h"

namespace mucpt {

struct LanguageIdOptions {
  std::string model;      // empty: no language ID
  std::string languages;  // comma-separated; empty: any
  double threshold = 0.65;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("langid.model", model, "fastText language-ID model (lid.176.bin/.ftz); empty: no language ID");
    v("langid.languages", languages, "comma-separated languages to keep (empty: any)");
    v("langid.threshold", threshold, "minimum probability of the top language");
  }
};

// The rule on the stored prediction: the top language's probability below the threshold.
const RuleTable& langid_rules();

class LanguageFilter : public Stage {
 public:
  // An empty language list keeps every language above the threshold.
  LanguageFilter(std::shared_ptr<const FastTextModel> model, const LanguageIdOptions& options);
  const char* name() const override { return "langid"; }
  Verdict process(Document& doc) override;
  std::optional<Verdict> decide_on_measures(const Document& doc) const override;
  void write_counters(nlohmann::json& out) const override;

 private:
  Verdict verdict_of(const std::string& lang, double p) const;
  std::shared_ptr<const FastTextModel> model_;
  std::set<std::string> languages_;
  BoundRules rules_;
  std::map<std::string, uint64_t> per_language_;
};

std::set<std::string> parse_language_list(const std::string& comma_separated);

}  // namespace mucpt
