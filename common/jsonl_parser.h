#pragma once
// Turns one JSONL line into a Document with simdjson's on-demand API. Every failure
// has a named reason so the caller can reject the line without losing it.
#include <memory>
#include <string>
#include <string_view>

#include "common/document.h"

namespace mucpt {

enum class ParseStatus { ok, empty_line, invalid_utf8, invalid_json, not_object, missing_text, non_string_text };
const char* parse_status_name(ParseStatus status);

class JsonlParser {
 public:
  JsonlParser(std::string text_field, std::string id_field);
  ~JsonlParser();

  // Fills doc.text, doc.id (empty when the line has none) and doc.meta_json (all
  // other fields, re-serialised after validation). `readable` is how many bytes may be
  // read from line.data() (at least line.size() + 64, simdjson's padding); when it is
  // smaller the line is copied. On failure `detail` says what simdjson found.
  ParseStatus parse(std::string_view line, size_t readable, Document& doc, std::string& detail);
  ParseStatus parse(std::string_view line, Document& doc, std::string& detail) {
    return parse(line, 0, doc, detail);
  }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mucpt
