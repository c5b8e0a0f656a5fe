// A mapped file reads a file's bytes in place; an empty file maps to no bytes, and a
// missing one is refused with its path.
#include "common/mapped_file.h"

#include "tests/catch.h"
#include <string>
#include <utility>

#include "common/errors.h"
#include "common/line_writer.h"
#include "tests/test_support.h"

using namespace mucpt;

TEST_CASE("a mapped file holds the file's bytes, and keeps them when moved") {
  const std::string dir = testing::scratch_dir("mapped_file");
  const std::string content("records\0with zero bytes\0", 24);
  write_file_atomically(dir + "/f.bin", content);
  MappedFile file(dir + "/f.bin");
  CHECK(file.size() == content.size());
  CHECK(file.bytes() == content);
  MappedFile moved = std::move(file);
  CHECK(file.size() == 0);
  CHECK(moved.bytes() == content);

  write_file_atomically(dir + "/empty", "");
  moved = MappedFile(dir + "/empty");
  CHECK(moved.size() == 0);
  CHECK(moved.bytes().empty());
}

TEST_CASE("a missing file is refused with its path") {
  const std::string dir = testing::scratch_dir("mapped_file_missing");
  CHECK_THROWS_AS(MappedFile(dir + "/none.bin"), IoError);
  CHECK_THROWS_WITH(MappedFile(dir + "/none.bin"), Catch::Contains("none.bin: cannot open"));
}
