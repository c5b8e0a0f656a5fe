#pragma once
// Where a command's model and tensors live: --device cpu | cuda | auto (auto: cuda when
// this LibTorch has CUDA and a GPU is visible, else cpu). With cuda, each rank drives the
// GPU of its index on the node (Open MPI's and Slurm's local rank), modulo the GPUs seen.
#include <c10/core/Device.h>

#include <string>

namespace mucpt {

// Whether this LibTorch was built with CUDA (Debian's libtorch-dev is CPU-only).
bool libtorch_has_cuda();

// The rank's index among the ranks of its node: OMPI_COMM_WORLD_LOCAL_RANK, SLURM_LOCALID
// or MPI_LOCALRANKID, else 0.
int local_rank();

// The device asked for; a cuda this build or machine cannot give is refused (UserError,
// exit 2) with what to do, and an unknown name is a ConfigError.
c10::Device resolve_device(const std::string& requested);

}  // namespace mucpt
