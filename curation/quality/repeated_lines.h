#pragma once
// Removes each non-empty line that repeats an earlier line of the same document
// exactly (after trimming), keeping its first occurrence: the menus, "Advertisement"
// slots and teasers a page repeats. It runs after gopher_repetition, so that rule
// still measures how repetitive the document was as written.
#include <string>

#include "curation/quality/hash_counter.h"
#include "curation/stage.h"

namespace mucpt {

class RepeatedLineRemover : public Stage {
 public:
  const char* name() const override { return "repeated_lines"; }
  Verdict process(Document& doc) override;
  void write_counters(nlohmann::json& out) const override;

 private:
  HashCounter seen_;
  std::string out_;
  uint64_t lines_removed_ = 0, docs_changed_ = 0;
};

}  // namespace mucpt
