#include "curation/quality/boilerplate_filter.h"

#include <nlohmann/json.hpp>

#include "curation/quality/line_editor.h"

namespace mucpt {

Verdict BoilerplateFilter::process(Document& doc) {
  size_t removed = rebuild_without(doc.text, out_, [&](std::string_view line) { return matcher_.is_boilerplate(line); });
  if (removed == 0) return Verdict::kept();
  lines_removed_ += removed;
  ++docs_changed_;
  doc.text.swap(out_);
  if (doc.text.empty()) return Verdict::rejected("all_boilerplate");
  return Verdict::kept();
}

void BoilerplateFilter::write_counters(nlohmann::json& out) const {
  out["lines_removed"] = lines_removed_;
  out["docs_changed"] = docs_changed_;
}

}  // namespace mucpt
