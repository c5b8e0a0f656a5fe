#pragma once
// Gradient all-reduce between GPUs with NCCL; MPI only hands out NCCL's unique id.
// Compiled when a CUDA toolkit with NCCL is present; never needed on CPU-only runs.
#include <cstddef>

namespace mucpt {

// Number of usable CUDA devices; 0 when there is no driver or no device.
int gpu_device_count();

class NcclAllReduce {
 public:
  // Every rank calls this together, each with the device it drives.
  NcclAllReduce(int rank, int ranks, int device);
  ~NcclAllReduce();
  NcclAllReduce(const NcclAllReduce&) = delete;
  NcclAllReduce& operator=(const NcclAllReduce&) = delete;

  // Sums `count` floats in device memory across ranks, in place, then divides by the
  // number of ranks (the mean gradient), on the given CUDA stream.
  void mean(float* device_data, size_t count, void* cuda_stream);

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace mucpt
