#include "common/benchmark/csv_reader.h"

namespace mucpt {

CsvReader::CsvReader(const std::string& path) : lines_(path) {}

bool CsvReader::next_line(std::string_view& line) {
  if (!lines_.next(line)) return false;
  ++line_;
  if (line_ == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  return true;
}

void CsvReader::fail(uint64_t line, const std::string& what) const {
  throw CsvError(path() + ":" + std::to_string(line) + ": " + what);
}

bool CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  std::string_view line;
  do {
    if (!next_line(line)) return false;
  } while (line.empty());
  record_line_ = line_;

  // A small state machine over the characters of the record; when a quoted field is
  // still open at the end of a line, the record continues on the next line.
  std::string field;
  bool quoted = false;        // inside "..."
  bool after_quote = false;   // just past the closing quote of a quoted field
  size_t i = 0;
  while (true) {
    if (i == line.size()) {
      if (!quoted) break;
      if (!next_line(line)) fail(record_line_, "quoted field is never closed");
      field += '\n';
      i = 0;
      continue;
    }
    char c = line[i++];
    if (quoted) {
      if (c != '"') field += c;
      else if (i < line.size() && line[i] == '"') { field += '"'; ++i; }  // "" is one quote
      else { quoted = false; after_quote = true; }
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
      after_quote = false;
    } else if (after_quote) {
      fail(line_, "unexpected character after a closing quote (a quote inside a quoted field must be doubled)");
    } else if (c == '"' && field.empty()) {
      quoted = true;
    } else {
      field += c;  // a quote inside an unquoted field is kept as is, as most readers do
    }
  }
  fields.push_back(std::move(field));
  return true;
}

}  // namespace mucpt
