#pragma once
// Unicode NFC normalisation, so that one text has one byte form before hashing,
// matching and tokenizing.
#include "curation/stage.h"

namespace mucpt {

class UnicodeNormalizer : public Stage {
 public:
  const char* name() const override { return "normalize"; }
  Verdict process(Document& doc) override;
  void write_counters(nlohmann::json& out) const override;

 private:
  std::string scratch_;
  uint64_t changed_ = 0;
};

}  // namespace mucpt
