#include "training/train/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace mucpt {

double LrSchedule::at(int64_t step) const {
  if (step < warmup) return peak * static_cast<double>(step + 1) / static_cast<double>(warmup);
  if (total <= warmup) return peak;
  const double progress = std::min(1.0, static_cast<double>(step - warmup) / static_cast<double>(total - warmup));
  return floor + 0.5 * (1.0 + std::cos(M_PI * progress)) * (peak - floor);
}

}  // namespace mucpt
