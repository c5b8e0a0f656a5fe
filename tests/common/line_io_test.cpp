#include "tests/catch.h"
#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "common/line_reader.h"
#include "common/line_writer.h"
#include "tests/test_support.h"

using namespace mucpt;
namespace fs = std::filesystem;

namespace {
std::vector<std::string> read_all(const std::string& path, uint64_t begin = 0, uint64_t end = LineReader::kToEnd) {
  LineReader reader(path, begin, end);
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.next(line)) lines.emplace_back(line);
  return lines;
}
}  // namespace

TEST_CASE("lines round-trip through plain, gzip and zstd files") {
  auto dir = testing::scratch_dir("line_io_roundtrip");
  std::vector<std::string> lines = {"first", "", "third with \r inside", "音乐"};
  for (const char* ext : {".txt", ".gz", ".zst"}) {
    std::string path = dir + "/lines" + ext;
    {
      LineWriter w(path);
      for (const auto& l : lines) w.write_line(l);
      CHECK_FALSE(fs::exists(path));  // nothing under the final name before commit
      w.commit();
    }
    CHECK(read_all(path) == lines);
  }
}

TEST_CASE("a writer that is not committed leaves no file behind") {
  auto dir = testing::scratch_dir("line_io_abandon");
  { LineWriter w(dir + "/x.zst"); w.write_line("lost"); }
  CHECK(fs::is_empty(dir));
}

TEST_CASE("a write that fails (a full disk) throws naming the file, and commits nothing, also compressed") {
  const std::string dir = testing::scratch_dir("line_writer_full");
  for (const char* name : {"out.jsonl", "out.jsonl.zst", "out.jsonl.gz"}) {
    INFO(name);
    const std::string path = dir + "/" + name;
    // The writer's temporary file is /dev/full: every write to it fails with ENOSPC.
    const std::string tmp = path + ".tmp." + std::to_string(::getpid());
    fs::remove(tmp);
    fs::create_symlink("/dev/full", tmp);
    {
      LineWriter writer(path);
      writer.write_line("{\"id\": 1}");  // a few bytes: held in the buffers until commit
      CHECK_THROWS_WITH(writer.commit(), Catch::Contains(tmp + ": cannot write") && Catch::Contains("No space left"));
    }
    CHECK_FALSE(fs::exists(path));
    CHECK_FALSE(fs::exists(fs::symlink_status(tmp)));  // the temporary is gone too
  }
}

TEST_CASE("CRLF endings and a last line without newline are read") {
  auto dir = testing::scratch_dir("line_io_crlf");
  std::ofstream(dir + "/a.txt") << "one\r\ntwo\nthree";
  CHECK(read_all(dir + "/a.txt") == std::vector<std::string>{"one", "two", "three"});
}

TEST_CASE("byte ranges partition a file's lines with no gap and no overlap") {
  auto dir = testing::scratch_dir("line_io_ranges");
  std::string path = dir + "/a.txt";
  std::vector<std::string> all;
  {
    std::ofstream out(path);
    for (int i = 0; i < 1000; ++i) {
      all.push_back("line " + std::to_string(i) + std::string(static_cast<size_t>(i % 37), 'x'));
      out << all.back() << "\n";
    }
  }
  uint64_t size = fs::file_size(path);
  for (uint64_t step : {uint64_t(1), uint64_t(7), uint64_t(100), uint64_t(4096), size}) {
    std::vector<std::string> joined;
    uint64_t counted = 0;
    for (uint64_t b = 0; b < size; b += step) {
      auto part = read_all(path, b, std::min(size, b + step));
      counted += count_lines_in_range(path, b, std::min(size, b + step));
      joined.insert(joined.end(), part.begin(), part.end());
    }
    CHECK(joined == all);
    CHECK(counted == all.size());
  }
}

TEST_CASE("a line of 100 MB is read whole") {
  auto dir = testing::scratch_dir("line_io_giant");
  std::string path = dir + "/giant.zst";
  std::string giant(100u << 20, 'g');
  {
    LineWriter w(path);
    w.write_line("small");
    w.write_line(giant);
    w.write_line("after");
    w.commit();
  }
  LineReader reader(path);
  std::string_view line;
  REQUIRE(reader.next(line));
  CHECK(line == "small");
  REQUIRE(reader.next(line));
  CHECK(line.size() == giant.size());
  CHECK(reader.readable_after_line_start() >= line.size() + LineReader::kPadding);
  REQUIRE(reader.next(line));
  CHECK(line == "after");
}

TEST_CASE("truncated, corrupt and missing inputs raise IoError naming the file") {
  auto dir = testing::scratch_dir("line_io_bad");
  std::string good = dir + "/good.zst";
  {
    LineWriter w(good);
    for (int i = 0; i < 200000; ++i) w.write_line("line number " + std::to_string(i));
    w.commit();
  }
  auto size = fs::file_size(good);
  fs::copy_file(good, dir + "/cut.zst");
  fs::resize_file(dir + "/cut.zst", size / 2);
  CHECK_THROWS_WITH(read_all(dir + "/cut.zst"), Catch::Contains("cut.zst") && Catch::Contains("truncated"));
  std::ofstream(dir + "/garbage.gz") << "this is not gzip";
  CHECK_THROWS_WITH(read_all(dir + "/garbage.gz"), Catch::Contains("garbage.gz"));
  CHECK_THROWS_WITH(read_all(dir + "/missing.jsonl"), Catch::Contains("missing.jsonl") && Catch::Contains("cannot open"));
  std::ofstream(dir + "/empty.zst");
  CHECK(read_all(dir + "/empty.zst").empty());
}

TEST_CASE("gzip: every line decoded before damage is read before the damage is reported, and zero padding is no damage") {
  auto dir = testing::scratch_dir("line_io_gzip_damage");
  const std::string good = dir + "/good.gz";
  {
    LineWriter w(good);
    for (int i = 0; i < 20000; ++i) w.write_line("line number " + std::to_string(i));
    w.commit();
  }
  std::ifstream in(good, std::ios::binary);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  auto lines_before_error = [&](const std::string& name, const std::string& content, std::string& error) {
    std::ofstream(dir + "/" + name, std::ios::binary) << content;
    LineReader reader(dir + "/" + name);
    size_t lines = 0;
    std::string_view line;
    try {
      while (reader.next(line)) ++lines;
    } catch (const IoError& e) {
      error = e.what();
    }
    return lines;
  };
  std::string error;
  CHECK(lines_before_error("garbage_after.gz", bytes + "garbage", error) == 20000);
  CHECK_THAT(error, Catch::Contains("garbage_after.gz: corrupt or truncated gzip data"));
  error.clear();
  CHECK(lines_before_error("footer_cut.gz", bytes.substr(0, bytes.size() - 8), error) == 20000);
  CHECK_THAT(error, Catch::Contains("footer_cut.gz") && Catch::Contains("incomplete"));
  error.clear();
  CHECK(lines_before_error("zero_padded.gz", bytes + std::string(8, '\0'), error) == 20000);
  CHECK(error.empty());
  CHECK(lines_before_error("two_members.gz", bytes + bytes, error) == 40000);
  CHECK(error.empty());
}
