#pragma once
// Rebuilds a text from the lines a stage keeps: blank lines between kept lines
// collapse to one paragraph break, and no break is left at either end.
#include <string>
#include <string_view>

namespace mucpt {

class LineEditor {
 public:
  explicit LineEditor(std::string& out) : out_(out) { out_.clear(); }
  void blank() { pending_break_ = !out_.empty(); }
  void keep(std::string_view line) {
    if (!out_.empty()) out_ += pending_break_ ? "\n\n" : "\n";
    pending_break_ = false;
    out_.append(line);
  }

 private:
  std::string& out_;
  bool pending_break_ = false;
};

}  // namespace mucpt
