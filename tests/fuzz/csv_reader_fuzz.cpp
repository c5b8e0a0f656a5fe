// The RFC 4180 reader on arbitrary files: CsvError or records; writing the records
// back (every field quoted) and reading them again gives the same records. A field
// that holds "\r\n" cannot be written back: in the file that is a line end, which a
// quoted field reads as "\n".
#include <string>
#include <vector>

#include "common/benchmark/csv_reader.h"
#include "tests/fuzz/fuzz_support.h"

using namespace mucpt;

namespace {

std::vector<std::vector<std::string>> read_all(const std::string& path) {
  CsvReader reader(path);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields;
  while (reader.next(fields)) records.push_back(fields);
  return records;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::vector<std::string>> records;
  try {
    records = read_all(fuzz::write_file("in.csv", data, size));
  } catch (const CsvError&) {
    return 0;
  }
  for (const auto& record : records)
    for (const std::string& field : record)
      if (field.find("\r\n") != std::string::npos) return 0;
  std::string written;
  for (const auto& record : records) {
    for (size_t i = 0; i < record.size(); ++i) {
      if (i > 0) written += ',';
      written += '"';
      for (char c : record[i]) written += c == '"' ? std::string("\"\"") : std::string(1, c);
      written += '"';
    }
    written += '\n';
  }
  const auto again = read_all(fuzz::write_file("again.csv", reinterpret_cast<const uint8_t*>(written.data()), written.size()));
  if (again != records) fuzz::fail("records written back read differently");
  return 0;
}
