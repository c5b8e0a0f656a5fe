#include "training/model/autocast.h"

#include <ATen/autocast_mode.h>
#include <torch/version.h>

// LibTorch 2.4 made autocast's switches take the device type and deprecated the
// per-device ones (is_enabled for CUDA, is_cpu_enabled...); 1.13 has only those.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
#define MUCPT_DEVICE_TYPE_AUTOCAST 1
#endif

namespace mucpt {

bool autocast_enabled(c10::DeviceType device) {
#ifdef MUCPT_DEVICE_TYPE_AUTOCAST
  return at::autocast::is_autocast_enabled(device);
#else
  return device == c10::DeviceType::CUDA ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
#endif
}

namespace {

void set_autocast(c10::DeviceType device, bool enabled) {
#ifdef MUCPT_DEVICE_TYPE_AUTOCAST
  at::autocast::set_autocast_enabled(device, enabled);
#else
  if (device == c10::DeviceType::CUDA) at::autocast::set_enabled(enabled);
  else at::autocast::set_cpu_enabled(enabled);
#endif
}

void use_bfloat16(c10::DeviceType device) {
#ifdef MUCPT_DEVICE_TYPE_AUTOCAST
  at::autocast::set_autocast_dtype(device, at::kBFloat16);
#else
  if (device == c10::DeviceType::CUDA) at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
  else at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
#endif
}

}  // namespace

BFloat16Autocast::BFloat16Autocast(bool enabled, c10::Device device)
    : enabled_(enabled), device_(device.is_cuda() ? c10::DeviceType::CUDA : c10::DeviceType::CPU) {
  if (!enabled_) return;
  was_enabled_ = autocast_enabled(device_);
  // No cache of the weights' bfloat16 copies: a copy cast in a pass without gradients (a
  // weighting pass, a checkpointed layer's forward) has no history, and LibTorchs before
  // 2.10 hand it to the next pass with gradients, whose weights then get none; on
  // autograd's own thread a cache would also outlive the step. A cast per use is cheap
  // beside the product it feeds.
  was_caching_ = at::autocast::is_autocast_cache_enabled();
  at::autocast::set_autocast_cache_enabled(false);
  use_bfloat16(device_);
  set_autocast(device_, true);
}

BFloat16Autocast::~BFloat16Autocast() {
  if (!enabled_) return;
  set_autocast(device_, was_enabled_);
  at::autocast::set_autocast_cache_enabled(was_caching_);
}

}  // namespace mucpt
