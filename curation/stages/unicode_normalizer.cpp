#include "curation/stages/unicode_normalizer.h"

#include <nlohmann/json.hpp>

#include "common/unicode.h"

namespace mucpt {

Verdict UnicodeNormalizer::process(Document& doc) {
  if (is_nfc_quick(doc.text)) return Verdict::kept();
  if (!nfc_normalize(doc.text, scratch_)) return Verdict::rejected("unnormalizable_text");
  if (scratch_ != doc.text) {
    doc.text.swap(scratch_);
    ++changed_;
  }
  return Verdict::kept();
}

void UnicodeNormalizer::write_counters(nlohmann::json& out) const { out["docs_changed"] = changed_; }

}  // namespace mucpt
