#pragma once
// A rendered document before it becomes a JSON line: its text, the PII planted in it
// (byte offsets into the UTF-8 text) and the fields its source line carries.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "synth/pii.h"

namespace mucpt::synth {

struct PiiSpan {
  PiiType type;
  size_t start;  // byte offsets into Doc::text
  size_t end;
};

// An extra field of the source line; numbers are written without quotes.
struct Field {
  std::string key;
  std::string value;
  bool is_number = false;
};

struct Doc {
  std::string text;
  std::vector<PiiSpan> pii;
  std::string entity_id;     // "" when the document is about no entity
  std::vector<Field> extra;  // source-specific fields (url, date, title, ...)
  std::string style;         // how it was rendered: "review", "forum", "spam", ...
  std::string lang = "en";

  // Appends a PII value and records where it landed.
  void append_pii(PiiType type, std::string_view value) {
    const size_t start = text.size();
    text.append(value);
    pii.push_back({type, start, text.size()});
  }
  void add_field(std::string key, std::string value, bool is_number = false) {
    extra.push_back({std::move(key), std::move(value), is_number});
  }
};

}  // namespace mucpt::synth
