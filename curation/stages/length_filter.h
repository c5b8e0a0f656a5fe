#pragma once
// Drops documents whose cleaned text is too short (or, when a limit is set, too long),
// counted in characters so that CJK text is measured fairly.
#include <cstdint>

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
