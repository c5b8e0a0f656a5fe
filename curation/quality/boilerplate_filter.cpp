#include "curation/quality/boilerplate_filter.h"

#include <nlohmann/json.hpp>

#include "curation/quality/line_editor.h"
#include "curation/quality/text_lines.h"

namespace mucpt {

Verdict BoilerplateFilter::process(Document& doc) {
  std::string_view text = doc.text;
  LineEditor editor(out_);
  size_t removed = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = trim_blanks(text.substr(start, nl - start));
    start = nl + 1;
    if (line.empty()) {
      editor.blank();
    } else if (matcher_.is_boilerplate(line)) {
      ++removed;
    } else {
      editor.keep(line);
    }
  }
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
