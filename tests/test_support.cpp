#include "tests/test_support.h"

#include "tests/catch.h"
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace mucpt::testing {

namespace {
// CI counts only when set and not empty, as GitHub Actions sets it (CI=true) and as
// tests/slurm/pipeline_test.sh reads it.
bool under_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && *ci != '\0';
}
}  // namespace

std::string shared_data_dir() {
  std::string dir = MUCPT_SHARED_DATA;
  if (fs::is_directory(dir)) return fs::canonical(dir).string();
  if (under_ci()) FAIL("CI is set but " << dir << " is missing");
  return "";
}

std::string build_dir() { return MUCPT_BUILD_DIR; }
std::string source_dir() { return MUCPT_SOURCE_DIR; }

std::string scratch_dir(const std::string& name) {
  fs::path dir = fs::path(MUCPT_BUILD_DIR) / "test-scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

CommandResult run_command(const std::string& command) {
  std::string full = command + " 2>&1";
  FILE* pipe = ::popen(full.c_str(), "r");
  if (!pipe) return {-1, "popen failed"};
  std::string output;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
  int status = ::pclose(pipe);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return {code, output};
}

std::string node_peers_dir() {
  std::string dir = build_dir() + "/node_peers";
  auto result = run_command("bash '" + source_dir() + "/tests/install_node_peers.sh' '" + dir + "'");
  if (result.exit_code == 3 && !under_ci()) return "";
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  return dir;
}

}  // namespace mucpt::testing
