#pragma once
// What packing reads from a curated document line (document_to_json's "text", "id" and
// "weight"), with simdjson's on-demand API: the fields between them (source, meta,
// scores) are skipped, not parsed or copied.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace mucpt {

class CuratedFields {
 public:
  CuratedFields();
  ~CuratedFields();

  // Reads a line; `readable` as JsonlParser::parse takes it (when short, the line is
  // copied). False, with what simdjson found in `detail`, for a line that is not a JSON
  // object with a string "text". The fields stay valid until the next read.
  bool read(std::string_view line, size_t readable, std::string& detail);
  std::string_view text() const { return text_; }
  std::string_view id() const { return id_; }  // empty when the line has none
  std::optional<double> weight() const { return weight_; }  // the numeric "weight", if any

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string_view text_, id_;
  std::optional<double> weight_;
};

}  // namespace mucpt
