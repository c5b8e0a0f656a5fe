#pragma once
// Drops documents whose cleaned text is too short (or, when a limit is set, too long),
// counted in characters so that CJK text is measured fairly.
#include <cstdint>

#include "curation/stage.h"

namespace mucpt {

class LengthFilter : public Stage {
 public:
  LengthFilter(uint64_t min_chars, uint64_t max_chars) : min_chars_(min_chars), max_chars_(max_chars) {}
  const char* name() const override { return "length"; }
  Verdict process(Document& doc) override;

 private:
  uint64_t min_chars_, max_chars_;
};

uint64_t count_characters(const std::string& utf8);

}  // namespace mucpt
