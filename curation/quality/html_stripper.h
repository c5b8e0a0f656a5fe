#pragma once
// Turns HTML into text for sources marked as HTML (html.enabled in their manifest
// settings): tags go, the content of script, style, noscript, template, svg, math,
// iframe, object, title and head goes with them, comments and doctypes go, block
// elements (p, div, li, br, h1..h6, tr, ...) become line or paragraph breaks, source
// whitespace collapses as a browser collapses it (kept as line breaks inside <pre>),
// and character references are decoded (html_entities.h). A '<' that opens no tag
// stays text. The result is tidied like the clean stage's output and put back in NFC.
#include <string>
#include <string_view>

#include "curation/stage.h"

namespace mucpt {

class HtmlStripper : public Stage {
 public:
  const char* name() const override { return "html"; }
  Verdict process(Document& doc) override;
  void write_counters(nlohmann::json& out) const override;

  static void strip(std::string_view html, std::string& text);

 private:
  std::string scratch_;
  uint64_t changed_ = 0;
  uint64_t bytes_removed_ = 0;
};

}  // namespace mucpt
