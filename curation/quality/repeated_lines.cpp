#include "curation/quality/repeated_lines.h"

#include <nlohmann/json.hpp>

#include "common/hashing.h"
#include "curation/quality/line_editor.h"

namespace mucpt {

Verdict RepeatedLineRemover::process(Document& doc) {
  seen_.reset(doc.text.size() / 32 + 8);
  uint32_t lines = 0;
  size_t removed = rebuild_without(doc.text, out_, [&](std::string_view line) {
    return seen_.add(hash64(line), ++lines).count > 1;
  });
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
