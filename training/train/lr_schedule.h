#pragma once
// The learning rate at a step (from 0): linear warm-up to the peak, then cosine decay
// that reaches the floor at step `total`, one past the last (llm.c's schedule, step for
// step: the first decay step runs at the peak, the last just above the floor).
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
