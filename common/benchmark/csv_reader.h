#pragma once
// Reads RFC 4180 CSV records: fields separated by commas, a field in double quotes
// may hold commas, newlines and doubled quotes (""). Lines end in "\n" or "\r\n"; a
// newline inside a quoted field comes back as "\n". The file may be plain, .gz or .zst
// (it is read through LineReader), and a leading UTF-8 byte order mark is dropped.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/line_reader.h"

namespace mucpt {

class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class CsvReader {
 public:
  explicit CsvReader(const std::string& path);

  // The next record; false at the end of the file. Blank lines between records are
  // skipped. Throws CsvError ("<path>:<line>: ...") on a quote that is never closed
  // or text right after a closing quote.
  bool next(std::vector<std::string>& fields);

  // 1-based line on which the last record began (records may span lines).
  uint64_t line_number() const { return record_line_; }
  const std::string& path() const { return lines_.path(); }

 private:
  bool next_line(std::string_view& line);
  [[noreturn]] void fail(uint64_t line, const std::string& what) const;

  LineReader lines_;
  uint64_t line_ = 0;         // lines read so far
  uint64_t record_line_ = 0;  // where the last record began
};

}  // namespace mucpt
