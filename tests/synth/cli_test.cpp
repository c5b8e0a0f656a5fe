// The synth binary: same flags give byte-identical output, another seed does not,
// --compress none writes plain JSON Lines, and bad flags are refused.
#include "tests/catch.h"
#include <filesystem>
#include <map>

#include "common/line_writer.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;
using mucpt::testing::build_dir;
using mucpt::testing::run_command;
using mucpt::testing::scratch_dir;

namespace {

std::map<std::string, std::string> read_tree(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = mucpt::read_small_file(e.path().string());
  return files;
}

std::string synth(const std::string& args) { return build_dir() + "/synth " + args; }

}  // namespace

TEST_CASE("synth output is byte-identical for the same seed and differs for another", "[synth]") {
  const std::string a = scratch_dir("synth/cli_a"), b = scratch_dir("synth/cli_b"), c = scratch_dir("synth/cli_c");
  for (const auto& [dir, seed] : {std::pair{a, 3}, std::pair{b, 3}, std::pair{c, 4}}) {
    auto r = run_command(synth("--docs 400 --seed " + std::to_string(seed) + " --output " + dir));
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
  }
  const auto ta = read_tree(a), tb = read_tree(b), tc = read_tree(c);
  REQUIRE(ta.size() >= 20);
  CHECK(ta == tb);
  for (const char* f : {"sources/forum.jsonl.zst", "truth/documents.jsonl", "benchmark/music_qa.jsonl"}) {
    INFO(f);
    CHECK(ta.at(f) != tc.at(f));
  }
}

TEST_CASE("synth --compress none writes plain files the manifest names", "[synth]") {
  const std::string dir = scratch_dir("synth/cli_plain");
  auto r = run_command(synth("--docs 200 --seed 1 --compress none --output " + dir));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(fs::exists(dir + "/sources/forum.jsonl"));
  CHECK_FALSE(fs::exists(dir + "/sources/forum.jsonl.zst"));
  CHECK(mucpt::read_small_file(dir + "/manifest.json").find("\"sources/forum.jsonl\"") != std::string::npos);
}

TEST_CASE("synth refuses bad flags", "[synth]") {
  CHECK(run_command(synth("--docs 10")).exit_code != 0);
  CHECK(run_command(synth("--docs 10 --output /tmp/x --compress gzip")).exit_code != 0);
  CHECK(run_command(synth("--help")).exit_code == 0);
  auto r = run_command(synth("--docs 10 --output /tmp/x --profiles 3"));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("--profiles needs --quiz_docs"));
  r = run_command(synth("--docs 10 --output /tmp/x --question_kinds artist_city,favourite_colour"));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("no kind 'favourite_colour'"));
}
