#pragma once
// Mixed precision for a scope: the forward passes inside run under LibTorch's autocast
// with bfloat16 (matrix products in bfloat16; softmax, norms and the loss in float32),
// while the parameters, their gradients and AdamW's moments stay float32 (the master
// weights). Off, it does nothing. The fused float32 kernels step aside while it is on.
#include <c10/core/Device.h>
#include <c10/core/DeviceType.h>

namespace mucpt {

// Whether autocast is on for the device type, in any LibTorch this builds with.
bool autocast_enabled(c10::DeviceType device);

class BFloat16Autocast {
 public:
  BFloat16Autocast(bool enabled, c10::Device device);
  ~BFloat16Autocast();
  BFloat16Autocast(const BFloat16Autocast&) = delete;
  BFloat16Autocast& operator=(const BFloat16Autocast&) = delete;

 private:
  bool enabled_;
  c10::DeviceType device_;
  bool was_enabled_ = false;
  bool was_caching_ = true;
};

}  // namespace mucpt
