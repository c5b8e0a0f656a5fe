#include "curation/quality/repeated_lines.h"

#include <nlohmann/json.hpp>

#include "common/hashing.h"
#include "curation/quality/line_editor.h"
#include "curation/quality/text_lines.h"

namespace mucpt {

Verdict RepeatedLineRemover::process(Document& doc) {
  std::string_view text = doc.text;
  seen_.reset(text.size() / 32 + 8);
  LineEditor editor(out_);
  size_t removed = 0, lines = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = trim_blanks(text.substr(start, nl - start));
    start = nl + 1;
    if (line.empty()) {
      editor.blank();
    } else if (seen_.add(hash64(line), static_cast<uint32_t>(++lines)).count > 1) {
      ++removed;
    } else {
      editor.keep(line);
    }
  }
  if (removed > 0) {
    lines_removed_ += removed;
    ++docs_changed_;
    doc.text.swap(out_);
  }
  return Verdict::kept();
}

void RepeatedLineRemover::write_counters(nlohmann::json& out) const {
  out["lines_removed"] = lines_removed_;
  out["docs_changed"] = docs_changed_;
}

}  // namespace mucpt
