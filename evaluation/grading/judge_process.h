#pragma once
// Runs one shell command (/bin/sh -c) with text on its stdin and collects what it
// writes, as the external judge is run once per answer. The command gets a process
// group of its own, so a timeout kills the shell and everything it started together.
// No command can block the caller: stdin is written while stdout and stderr are read
// (poll), a command that never reads its stdin or exits early just stops being written
// to, and output past max_output bytes is read and dropped.
#include <cstddef>
#include <string>
#include <string_view>

namespace mucpt {

struct JudgeProcessResult {
  bool timed_out = false;      // killed (with its process group) at the timeout
  int exit_code = -1;          // when it exited by itself
  int signal = 0;              // when a signal ended it
  std::string out;             // stdout, its first max_output bytes
  bool out_truncated = false;  // it wrote more than that
  std::string err_tail;        // the end of stderr, for messages
};

// Throws IoError when /bin/sh cannot be started at all.
JudgeProcessResult run_judge_process(const std::string& command, std::string_view input, double timeout_s,
                                     size_t max_output = 64 * 1024);

// "exit code 3", "killed by signal 9", "timed out after 2 s", with the end of stderr.
std::string describe_failure(const JudgeProcessResult& result, double timeout_s);

}  // namespace mucpt
