#include "tests/catch.h"
#include <fstream>

#include "common/benchmark/csv_reader.h"
#include "tests/test_support.h"

using namespace mucpt;
using Rows = std::vector<std::vector<std::string>>;

namespace {
// Each test writes into its own scratch directory (scratch_dir empties it).
std::string write_file(const std::string& dir, const std::string& name, const std::string& content) {
  std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

Rows read_all(const std::string& path, std::vector<uint64_t>* lines = nullptr) {
  CsvReader reader(path);
  Rows rows;
  std::vector<std::string> fields;
  while (reader.next(fields)) {
    rows.push_back(fields);
    if (lines) lines->push_back(reader.line_number());
  }
  return rows;
}
}  // namespace

TEST_CASE("csv: quoted commas, doubled quotes and empty fields") {
  auto dir = testing::scratch_dir("csv_quotes");
  auto path = write_file(dir, "a.csv", "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\n,\"\",z\n");
  CHECK(read_all(path) == Rows{{"a", "b", "c"}, {"x, y", "say \"hi\"", ""}, {"", "", "z"}});
}

TEST_CASE("csv: newlines inside quotes continue the record, line numbers follow the file") {
  auto dir = testing::scratch_dir("csv_newlines");
  auto path = write_file(dir, "b.csv", "h1,h2\n\"line one\nline two\n\",after\nnext,row\n");
  std::vector<uint64_t> lines;
  CHECK(read_all(path, &lines) == Rows{{"h1", "h2"}, {"line one\nline two\n", "after"}, {"next", "row"}});
  CHECK(lines == std::vector<uint64_t>{1, 2, 5});
}

TEST_CASE("csv: CRLF line ends, a BOM, blank lines and no final newline") {
  auto dir = testing::scratch_dir("csv_crlf");
  auto path = write_file(dir, "c.csv", "\xEF\xBB\xBFh1,h2\r\n\"multi\r\nline\",2\r\n\r\nlast,row");
  CHECK(read_all(path) == Rows{{"h1", "h2"}, {"multi\nline", "2"}, {"last", "row"}});
}

TEST_CASE("csv: a quote inside an unquoted field is kept") {
  auto dir = testing::scratch_dir("csv_inner_quote");
  auto path = write_file(dir, "d.csv", "5'10\" tall,x\n");
  CHECK(read_all(path) == Rows{{"5'10\" tall", "x"}});
}

TEST_CASE("csv: an unclosed quote or text after a closing quote names the file and line") {
  auto dir = testing::scratch_dir("csv_errors");
  auto open = write_file(dir, "open.csv", "h\nok\n\"never closed\nstill\n");
  CHECK_THROWS_WITH(read_all(open), Catch::Contains("open.csv:3:") && Catch::Contains("never closed"));
  auto stray = write_file(dir, "stray.csv", "h,i\n\"quoted\"tail,x\n");
  CHECK_THROWS_WITH(read_all(stray), Catch::Contains("stray.csv:2:") && Catch::Contains("closing quote"));
}
