// The learning-rate schedule step for step against llm.c's formula: (step + 1) / warmup
// of the peak while warming up, then floor + (1 + cos(pi (step - warmup) / (total -
// warmup))) / 2 of the rest, which reaches the floor at step `total`, one past the last.
#include <cmath>

#include "tests/catch.h"
#include "training/train/lr_schedule.h"

using namespace mucpt;

TEST_CASE("the learning rate warms up linearly, then decays on llm.c's cosine to the floor at step total") {
  const LrSchedule schedule{3e-4, 3e-5, 2, 6};
  CHECK(schedule.at(0) == Approx(1.5e-4));
  CHECK(schedule.at(1) == Approx(3e-4));
  CHECK(schedule.at(2) == Approx(3e-4));  // decay from the peak: progress 0
  CHECK(schedule.at(3) == Approx(3e-5 + 0.5 * (1 + std::cos(M_PI * 0.25)) * 2.7e-4));
  CHECK(schedule.at(4) == Approx(1.65e-4));
  CHECK(schedule.at(5) == Approx(3e-5 + 0.5 * (1 + std::cos(M_PI * 0.75)) * 2.7e-4));  // the last step
  CHECK(schedule.at(6) == Approx(3e-5));
  CHECK(schedule.at(60) == Approx(3e-5));  // past the end it stays at the floor
  CHECK(LrSchedule{3e-4, 3e-5, 10, 10}.at(10) == Approx(3e-4));  // all warm-up: no decay
}
