#include "training/device.h"

#include <c10/core/impl/DeviceGuardImplInterface.h>
#include <torch/cuda.h>

#include <mpi.h>

#include <cstdlib>
#include <string>

#include "common/config.h"
#include "common/mpi_context.h"

namespace mucpt {

bool libtorch_has_cuda() { return c10::impl::hasDeviceGuardImpl(c10::DeviceType::CUDA); }

c10::Device resolve_device(const std::string& requested) {
  if (requested != "cpu" && requested != "cuda" && requested != "auto")
    throw ConfigError("device must be cpu, cuda or auto, not '" + requested + "'");
  const bool cuda_usable = libtorch_has_cuda() && torch::cuda::device_count() > 0;
  // auto is one choice for the whole job: ranks on cuda and on cpu would take different
  // gradient paths (NCCL beside MPI) and wait on each other for ever.
  int mpi_started = 0;
  MPI_Initialized(&mpi_started);
  if (requested == "auto" && mpi_started) {
    const uint64_t with_gpu = mpi_sum(cuda_usable ? 1 : 0), ranks = mpi_sum(1);
    if (with_gpu != 0 && with_gpu != ranks)
      throw UserError("--device auto: " + std::to_string(with_gpu) + " of " + std::to_string(ranks) +
                      " ranks see a GPU; give --device cuda (a GPU for every rank) or --device cpu");
  }
  if (requested == "cpu" || (requested == "auto" && !cuda_usable)) return c10::Device(c10::DeviceType::CPU);
  if (!libtorch_has_cuda())
    throw UserError(
        "--device cuda: this build's LibTorch has no CUDA support (Debian's libtorch-dev is CPU-only); build "
        "against a CUDA LibTorch: cmake -DCMAKE_PREFIX_PATH=$(python3 -c 'import torch; "
        "print(torch.utils.cmake_prefix_path)') with a CUDA PyTorch installed, or use --device cpu");
  if (!cuda_usable) throw UserError("--device cuda: no GPU is visible to this process (CUDA_VISIBLE_DEVICES, driver)");
  const auto index = static_cast<c10::DeviceIndex>(local_rank() % static_cast<int>(torch::cuda::device_count()));
  return c10::Device(c10::DeviceType::CUDA, index);
}

}  // namespace mucpt
