#pragma once
// The learning rate at a step: linear warm-up to the peak, then cosine decay to the
// floor at the last step (llm.c's schedule).
#include <cstdint>

namespace mucpt {

struct LrSchedule {
  double peak = 3e-4;
  double floor = 3e-5;
  int64_t warmup = 10;
  int64_t total = 100;
  double at(int64_t step) const;
};

}  // namespace mucpt
