#pragma once
// Removes control and invisible characters and tidies whitespace: CR LF and lone CR
// become LF, Unicode spaces become a plain space, runs of spaces and tabs collapse to
// one, lines lose leading and trailing blanks, more than one empty line in a row
// collapses to one, and the text is trimmed.
#include "curation/stage.h"

namespace mucpt {

class TextCleaner : public Stage {
 public:
  const char* name() const override { return "clean"; }
  Verdict process(Document& doc) override;
  void write_counters(nlohmann::json& out) const override;

  // The cleaning itself, for reuse and tests.
  static void clean(const std::string& in, std::string& out);

 private:
  std::string scratch_;
  uint64_t changed_ = 0;
  uint64_t bytes_removed_ = 0;
};

}  // namespace mucpt
