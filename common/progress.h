#pragma once
// A progress line (documents/s, MB/s, ETA) printed at most once a second: redrawn in
// place on a terminal, as plain log lines otherwise.
#include <chrono>
#include <cstdint>
#include <string>

namespace mucpt {

class Progress {
 public:
  // total_bytes may be 0 when unknown (no ETA then). A disabled Progress prints nothing.
  Progress(std::string label, uint64_t total_bytes, bool enabled);
  void add(uint64_t docs, uint64_t bytes);
  void finish();

 private:
  void print(bool final_line);
  using Clock = std::chrono::steady_clock;
  std::string label_;
  uint64_t total_bytes_;
  bool enabled_;
  bool tty_;
  uint64_t docs_ = 0, bytes_ = 0;
  Clock::time_point start_, last_print_;
  uint32_t calls_since_check_ = 0;
};

}  // namespace mucpt
