#pragma once
// Drops documents whose cleaned text is too short (or, when a limit is set, too long),
// counted in characters so that CJK text is measured fairly. The count is kept with
// the document's measures and the limits are a rule table (length_rules()), so `curate
// decide` applies other limits without the text.
#include <cstdint>
#include <string>

#include "curation/quality/threshold_rules.h"
#include "curation/stage.h"

namespace mucpt {

struct LengthOptions {
  uint64_t min_chars = 50;
  uint64_t max_chars = 0;  // 0: no limit

  template <class Visitor>
  void visit(Visitor&& v) {
    v("length.min_chars", min_chars, "drop documents with fewer characters after cleaning");
    v("length.max_chars", max_chars, "drop documents with more characters (0: no limit)");
  }
};

// The rules: too few characters (empty text named apart), too many.
const RuleTable& length_rules();

class LengthFilter : public Stage {
 public:
  explicit LengthFilter(const LengthOptions& options) : rules_(length_rules(), options) {}
  const char* name() const override { return "length"; }
  Verdict process(Document& doc) override;
  std::optional<Verdict> decide_on_measures(const Document& doc) const override;

 private:
  Verdict verdict_of(double characters) const;
  BoundRules rules_;
};

uint64_t count_characters(const std::string& utf8);

}  // namespace mucpt
