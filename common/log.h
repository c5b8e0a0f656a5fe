#pragma once
// Log lines on stderr that name the rank: "[02:51:07 rank 1 warn] message".
#include <sstream>
#include <string>

namespace mucpt {

enum class LogLevel { debug, info, warn, error };

void set_log_rank(int rank);
void set_log_level(LogLevel level);
void log_line(LogLevel level, const std::string& message);

template <class... Args>
std::string concat(const Args&... args) {
  std::ostringstream ss;
  (ss << ... << args);
  return ss.str();
}

template <class... Args> void log_debug(const Args&... a) { log_line(LogLevel::debug, concat(a...)); }
template <class... Args> void log_info(const Args&... a) { log_line(LogLevel::info, concat(a...)); }
template <class... Args> void log_warn(const Args&... a) { log_line(LogLevel::warn, concat(a...)); }
template <class... Args> void log_error(const Args&... a) { log_line(LogLevel::error, concat(a...)); }

}  // namespace mucpt
