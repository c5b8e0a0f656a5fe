#pragma once
// Where a command's model and tensors live: --device cpu | cuda | auto (auto: cuda when
// this LibTorch has CUDA and a GPU is visible, else cpu). With cuda, each rank drives the
// GPU of its index on the node (Open MPI's and Slurm's local rank), modulo the GPUs seen.
#include <c10/core/Device.h>

#include <string>

#include "common/mpi_context.h"  // local_rank

namespace mucpt {

// Whether this LibTorch was built with CUDA (Debian's libtorch-dev is CPU-only).
bool libtorch_has_cuda();

// The device asked for; a cuda this build or machine cannot give is refused (UserError,
// exit 2) with what to do, and an unknown name is a ConfigError.
c10::Device resolve_device(const std::string& requested);

}  // namespace mucpt
