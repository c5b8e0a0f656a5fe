#include "training/model/autocast.h"

#include <ATen/autocast_mode.h>

namespace mucpt {

BFloat16Autocast::BFloat16Autocast(bool enabled, c10::Device device) : enabled_(enabled), cuda_(device.is_cuda()) {
  if (!enabled_) return;
  if (cuda_) {
    was_enabled_ = at::autocast::is_enabled();
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
  } else {
    was_enabled_ = at::autocast::is_cpu_enabled();
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    at::autocast::set_cpu_enabled(true);
  }
}

BFloat16Autocast::~BFloat16Autocast() {
  if (!enabled_) return;
  if (cuda_)
    at::autocast::set_enabled(was_enabled_);
  else
    at::autocast::set_cpu_enabled(was_enabled_);
  // The bfloat16 copies of the weights cached for this scope are stale after the step.
  if (!was_enabled_) at::autocast::clear_cache();
}

}  // namespace mucpt
