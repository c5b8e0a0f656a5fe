// curate killed with SIGKILL (every rank at once) while streaming and during the
// global de-duplication, then run again into the same folder: the documents are
// byte-identical to an uninterrupted run's and no unfinished file is left behind.
#include "tests/catch.h"
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/test_support.h"

using namespace mucpt;
namespace fs = std::filesystem;

namespace {

// A world large enough that each phase lasts a good fraction of a second.
const std::string& world() {
  static std::string dir = [] {
    std::string d = testing::scratch_dir("kill_world");
    REQUIRE(testing::run_command(testing::build_dir() + "/synth --docs 20000 --seed 3 --output " + d).exit_code == 0);
    return d;
  }();
  return dir;
}

std::string curate_command(const std::string& out) {
  return "mpirun --allow-run-as-root --oversubscribe -np 2 " + testing::build_dir() + "/curate --manifest " + world() +
         "/manifest.json --output " + out + " --curate.progress=false";
}

// Every file under DIR by its relative path, with its bytes.
std::map<std::string, std::string> files_in(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    files[fs::relative(entry.path(), dir).string()] = bytes.str();
  }
  return files;
}

size_t count_entries(const std::string& dir) {
  if (!fs::exists(dir)) return 0;
  return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

void kill_when(const std::string& condition, const std::string& out) {
  auto r = testing::run_command("cd " + out + "/.. && bash " + testing::source_dir() + "/tests/e2e/kill_during.sh '" +
                                condition + "' " + curate_command(out));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
}

void rerun_and_compare(const std::string& out, const std::map<std::string, std::string>& expected_docs) {
  auto r = testing::run_command(curate_command(out));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  auto docs = files_in(out + "/docs");
  CHECK(docs.size() == expected_docs.size());
  CHECK((docs == expected_docs));
  for (const auto& entry : fs::recursive_directory_iterator(out))
    CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);
}

// The documents of an uninterrupted run.
const std::map<std::string, std::string>& expected_docs() {
  static const auto docs = [] {
    const std::string whole = testing::scratch_dir("kill_whole");
    REQUIRE(testing::run_command(curate_command(whole)).exit_code == 0);
    return files_in(whole + "/docs");
  }();
  return docs;
}

}  // namespace

TEST_CASE("curate killed while streaming and during global dedup resumes to the same bytes") {
  const auto& expected = expected_docs();
  REQUIRE(expected.size() > 3);

  SECTION("killed while streaming, after some units finished") {
    const std::string out = testing::scratch_dir("kill_streaming");
    kill_when("[ $(ls kill_streaming/stats 2>/dev/null | wc -l) -ge 3 ]", out);
    CHECK(count_entries(out + "/stats") < expected.size());
    CHECK(!fs::exists(out + "/stream/dedup.done"));
    rerun_and_compare(out, expected);
  }
  SECTION("killed during the global de-duplication, after every rank streamed") {
    const std::string out = testing::scratch_dir("kill_dedup");
    kill_when("[ $(ls kill_dedup/markers 2>/dev/null | wc -l) -ge 2 ] && [ ! -f kill_dedup/stream/dedup.done ]", out);
    CHECK(count_entries(out + "/markers") == 2);
    // The step takes about half a second; the kill comes within 10 ms of the check.
    if (fs::exists(out + "/stream/dedup.done")) WARN("the kill came just after the global step ended");
    rerun_and_compare(out, expected);
  }
}
