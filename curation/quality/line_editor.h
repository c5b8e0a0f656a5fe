#pragma once
// Rebuilds a text from the lines a stage keeps: blank lines between kept lines
// collapse to one paragraph break, and no break is left at either end.
#include <string>
#include <string_view>

#include "curation/quality/text_lines.h"

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

// Rebuilds text into out from its trimmed lines, leaving out those `drop` accepts;
// returns how many were left out.
template <class Drop>
size_t rebuild_without(std::string_view text, std::string& out, Drop drop) {
  LineEditor editor(out);
  size_t removed = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = trim_blanks(text.substr(start, nl - start));
    start = nl + 1;
    if (line.empty()) editor.blank();
    else if (drop(line)) ++removed;
    else editor.keep(line);
  }
  return removed;
}

}  // namespace mucpt
