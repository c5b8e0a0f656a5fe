#pragma once
// The errors a command ends with, each carrying its exit code, so that one handler
// (common/command_exit) turns any of them into the message and the code: 2 for what the
// user must fix (an option, an input, a model, a file that cannot be read or written).
// Any other exception is an internal fault (exit 1).
#include <stdexcept>
#include <string>

namespace mucpt {

class CommandError : public std::runtime_error {
 public:
  CommandError(const std::string& message, int exit_code) : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }
  // The line printed: the message with the kind of error where it helps.
  virtual std::string report() const { return what(); }

 private:
  int exit_code_;
};

// A bad option or option value.
class ConfigError : public CommandError {
 public:
  explicit ConfigError(const std::string& message) : CommandError(message, 2) {}
  std::string report() const override { return std::string("configuration: ") + what(); }
};

// An input the user must fix: a bad manifest, a missing input, a conflicting output.
class UserError : public CommandError {
 public:
  explicit UserError(const std::string& message) : CommandError(message, 2) {}
};

// A file that cannot be read or written (missing, full disk, a directory in the way);
// the message names it.
class IoError : public CommandError {
 public:
  explicit IoError(const std::string& message) : CommandError(message, 2) {}
};

}  // namespace mucpt
