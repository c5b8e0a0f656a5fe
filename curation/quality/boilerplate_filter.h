#pragma once
// Removes boilerplate lines (boilerplate_phrases.h) from every document; a document
// with nothing else is dropped.
#include <string>

#include "curation/quality/boilerplate_phrases.h"
#include "curation/stage.h"

namespace mucpt {

class BoilerplateFilter : public Stage {
 public:
  explicit BoilerplateFilter(const BoilerplateOptions& options) : matcher_(options) {}
  const char* name() const override { return "boilerplate"; }
  Verdict process(Document& doc) override;
  void write_counters(nlohmann::json& out) const override;

 private:
  BoilerplateMatcher matcher_;
  std::string out_;
  uint64_t lines_removed_ = 0, docs_changed_ = 0;
};

}  // namespace mucpt
