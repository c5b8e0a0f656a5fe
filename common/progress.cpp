#include "common/progress.h"

#include <unistd.h>

#include <cstdio>

#include "common/log.h"

namespace mucpt {

namespace {
// Non-terminal output is a log file: a line every 10 s is plenty there.
constexpr double kTerminalInterval = 1.0;
constexpr double kLogInterval = 10.0;
}  // namespace

Progress::Progress(std::string label, uint64_t total_bytes, bool enabled)
    : label_(std::move(label)), total_bytes_(total_bytes), enabled_(enabled),
      tty_(::isatty(STDERR_FILENO) != 0), start_(Clock::now()), last_print_(start_) {}

void Progress::add(uint64_t docs, uint64_t bytes) {
  docs_ += docs;
  bytes_ += bytes;
  if (!enabled_ || ++calls_since_check_ < 256) return;
  calls_since_check_ = 0;
  auto now = Clock::now();
  double since = std::chrono::duration<double>(now - last_print_).count();
  if (since >= (tty_ ? kTerminalInterval : kLogInterval)) {
    last_print_ = now;
    print(false);
  }
}

void Progress::finish() {
  if (enabled_) print(true);
}

void Progress::print(bool final_line) {
  double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  if (elapsed <= 0) elapsed = 1e-9;
  double docs_per_s = static_cast<double>(docs_) / elapsed;
  double mb_per_s = static_cast<double>(bytes_) / 1e6 / elapsed;
  char eta[48] = "";
  if (total_bytes_ > 0 && bytes_ > 0 && !final_line) {
    double left = static_cast<double>(total_bytes_ - std::min(bytes_, total_bytes_)) / (bytes_ / elapsed);
    std::snprintf(eta, sizeof eta, ", ETA %.0f s", left);
  }
  char line[256];
  std::snprintf(line, sizeof line, "%s: %llu docs, %.1f MB, %.0f docs/s, %.1f MB/s%s%s", label_.c_str(),
                static_cast<unsigned long long>(docs_), bytes_ / 1e6, docs_per_s, mb_per_s, eta,
                final_line ? " (done)" : "");
  if (tty_) {
    std::fprintf(stderr, "\r\033[K%s%s", line, final_line ? "\n" : "");
    std::fflush(stderr);
  } else {
    log_info(line);
  }
}

}  // namespace mucpt
