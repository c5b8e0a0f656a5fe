#pragma once
// Shared helpers for tests: where the shared data and the built binaries are, scratch
// directories, and running a command. "CI is set": the variable is set and not empty.
#include <string>

namespace mucpt::testing {

// ../shared/data beside the project. Returns "" when it is absent and CI is not set
// (the caller then skips with a message); fails the test when CI is set.
std::string shared_data_dir();

std::string build_dir();
std::string source_dir();

// A fresh empty directory under the build tree, removed and recreated per call.
std::string scratch_dir(const std::string& name);

struct CommandResult {
  int exit_code;
  std::string output;  // stdout and stderr together
};
CommandResult run_command(const std::string& command);

// build/node_peers with the JavaScript peers of tests/install_node_peers.sh (npm install
// on first use). "" when npm is missing and CI is not set; fails the test under CI.
std::string node_peers_dir();

}  // namespace mucpt::testing

// Skips the rest of a test case when the shared data is absent (never under CI).
#define MUCPT_REQUIRE_SHARED_DATA(var)                                              \
  const std::string var = ::mucpt::testing::shared_data_dir();                      \
  if (var.empty()) {                                                                \
    WARN("skipped: ../shared/data is absent (a fresh clone); set it beside the project"); \
    return;                                                                         \
  }
