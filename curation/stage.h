#pragma once
// A per-document stage: one process() that keeps the document (possibly changed) or
// drops it with a reason. Stages know nothing of MPI or files; the pipeline counts
// documents, bytes and time around them.
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "common/document.h"

namespace mucpt {

struct Verdict {
  const char* reject_reason = nullptr;  // null: keep
  bool keep() const { return reject_reason == nullptr; }
  static Verdict kept() { return {}; }
  static Verdict rejected(const char* reason) { return {reason}; }
};

class Stage {
 public:
  virtual ~Stage() = default;
  virtual const char* name() const = 0;
  virtual Verdict process(Document& doc) = 0;
  // A stage whose verdict only compares measures it keeps on the document (see
  // common/measure_cache.h) with its thresholds gives that verdict from the stored
  // measures alone, without the text: `curate decide` applies changed thresholds this
  // way. nullopt: the document holds no measures of this stage, or the stage needs
  // the text.
  virtual std::optional<Verdict> decide_on_measures(const Document& doc) const { return std::nullopt; }
  // Stage-specific counters, added to the report under the stage's name.
  virtual void write_counters(nlohmann::json& out) const {}
};

}  // namespace mucpt
