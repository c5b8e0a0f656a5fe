#include "curation/stages/text_cleaner.h"

#include <utf8proc.h>

#include <nlohmann/json.hpp>

#include "common/unicode.h"

namespace mucpt {

namespace {

enum class Kind { keep, drop, space, newline };

Kind classify(char32_t cp) {
  if (cp == '\n') return Kind::newline;
  if (cp == '\t' || cp == ' ') return Kind::space;
  if (cp < 0x80) return (cp < 0x20 || cp == 0x7F) ? Kind::drop : Kind::keep;
  if (cp == 0x200C || cp == 0x200D) return Kind::keep;  // joiners shape emoji and scripts
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:  // zero-width space, BOM, soft hyphen, bidi marks
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CN:
      return Kind::drop;
    case UTF8PROC_CATEGORY_ZS: return Kind::space;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return Kind::newline;
    default: return Kind::keep;
  }
}

}  // namespace

void TextCleaner::clean(const std::string& in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  size_t pending_newlines = 0;
  bool pending_space = false;
  bool at_line_start = true;
  size_t i = 0;
  const size_t n = in.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    char32_t cp;
    size_t start = i;
    if (c < 0x80) {
      cp = c;
      ++i;
      if (cp == '\r') {
        cp = '\n';
        if (i < n && in[i] == '\n') ++i;
      }
    } else {
      cp = next_code_point(in, i);
    }
    switch (classify(cp)) {
      case Kind::drop: continue;
      case Kind::space:
        if (!at_line_start) pending_space = true;
        continue;
      case Kind::newline:
        if (!out.empty()) ++pending_newlines;
        pending_space = false;
        at_line_start = true;
        continue;
      case Kind::keep:
        if (pending_newlines > 0) {
          out.append(pending_newlines >= 2 ? 2 : 1, '\n');
          pending_newlines = 0;
        } else if (pending_space) {
          out += ' ';
        }
        pending_space = false;
        at_line_start = false;
        out.append(in, start, i - start);
    }
  }
}

Verdict TextCleaner::process(Document& doc) {
  clean(doc.text, scratch_);
  if (scratch_.size() != doc.text.size() || scratch_ != doc.text) {
    ++changed_;
    bytes_removed_ += doc.text.size() - scratch_.size();
    doc.text.swap(scratch_);
  }
  return Verdict::kept();
}

void TextCleaner::write_counters(nlohmann::json& out) const {
  out["docs_changed"] = changed_;
  out["bytes_removed"] = bytes_removed_;
}

}  // namespace mucpt
