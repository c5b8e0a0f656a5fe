#include "curation/stages/text_cleaner.h"

#include <utf8proc.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "common/unicode.h"

namespace mucpt {

namespace {

enum Kind : uint8_t { kKeep, kDrop, kSpace, kNewline };

Kind classify(char32_t cp) {
  if (cp == '\n' || cp == '\r') return kNewline;
  if (cp == '\t' || cp == ' ') return kSpace;
  if (cp < 0x80) return (cp < 0x20 || cp == 0x7F) ? kDrop : kKeep;
  if (cp == 0x200C || cp == 0x200D) return kKeep;  // joiners shape emoji and scripts
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:  // zero-width space, BOM, soft hyphen, bidi marks
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CN:
      return kDrop;
    case UTF8PROC_CATEGORY_ZS: return kSpace;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return kNewline;
    default: return kKeep;
  }
}

// The Basic Multilingual Plane's classes, looked up instead of recomputed per character.
const std::vector<Kind>& bmp_kinds() {
  static const std::vector<Kind> table = [] {
    std::vector<Kind> t(0x10000);
    for (char32_t cp = 0; cp < 0x10000; ++cp) t[cp] = classify(cp);
    return t;
  }();
  return table;
}

}  // namespace

void TextCleaner::clean(const std::string& in, std::string& out) {
  const auto& kinds = bmp_kinds();
  out.clear();
  out.reserve(in.size());
  size_t pending_newlines = 0;
  bool pending_space = false;
  bool at_line_start = true;
  size_t run_start = 0, run_end = 0;  // kept bytes not yet copied to out
  auto flush = [&] {
    out.append(in, run_start, run_end - run_start);
    run_start = run_end;
  };
  size_t i = 0;
  const size_t n = in.size();
  auto visible_ascii = [&](size_t k) {
    return k < n && static_cast<unsigned char>(in[k]) > 0x20 && static_cast<unsigned char>(in[k]) < 0x7F;
  };
  while (i < n) {
    size_t start = i;
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (run_end == i && pending_newlines == 0 && !pending_space && !at_line_start) {
      // Inside a line of kept text: extend the run over visible ASCII and single
      // spaces between words without looking at each character's class.
      while (visible_ascii(i) || (in[i] == ' ' && visible_ascii(i + 1))) ++i;
      if (i != start) {
        run_end = i;
        continue;
      }
    }
    char32_t cp;
    if (c < 0x80) {
      cp = c;
      ++i;
      if (c == '\r' && i < n && in[i] == '\n') ++i;  // CR LF is one line end
    } else {
      cp = next_code_point(in, i);
    }
    Kind kind = cp < 0x10000 ? kinds[cp] : classify(cp);
    if (kind == kKeep) {
      if (pending_newlines > 0 || pending_space) {
        flush();
        if (pending_newlines > 0) out.append(pending_newlines >= 2 ? 2 : 1, '\n');
        else out += ' ';
        pending_newlines = 0;
        pending_space = false;
        run_start = start;
      } else if (run_end != start) {
        flush();
        run_start = start;
      }
      run_end = i;
      at_line_start = false;
      continue;
    }
    if (kind == kSpace) {
      if (!at_line_start) pending_space = true;
    } else if (kind == kNewline) {
      if (run_end > 0 || !out.empty()) ++pending_newlines;
      pending_space = false;
      at_line_start = true;
    }
  }
  flush();
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
