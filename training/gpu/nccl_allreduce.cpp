#include "training/gpu/nccl_allreduce.h"

#include <cuda_runtime_api.h>
#include <mpi.h>
#include <nccl.h>

#include <stdexcept>
#include <string>

namespace mucpt {

namespace {
void check_cuda(cudaError_t e, const char* what) {
  if (e != cudaSuccess) throw std::runtime_error(std::string(what) + ": " + cudaGetErrorString(e));
}
void check_nccl(ncclResult_t r, const char* what) {
  if (r != ncclSuccess) throw std::runtime_error(std::string(what) + ": " + ncclGetErrorString(r));
}
}  // namespace

int gpu_device_count() {
  int n = 0;
  if (cudaGetDeviceCount(&n) != cudaSuccess) {
    cudaGetLastError();  // clear the sticky "no driver" error
    return 0;
  }
  return n;
}

struct NcclAllReduce::Impl {
  ncclComm_t comm = nullptr;
  int ranks = 1;
};

NcclAllReduce::NcclAllReduce(int rank, int ranks, int device) : impl_(new Impl) {
  impl_->ranks = ranks;
  ncclUniqueId id;
  if (rank == 0) check_nccl(ncclGetUniqueId(&id), "ncclGetUniqueId");
  MPI_Bcast(&id, sizeof id, MPI_BYTE, 0, MPI_COMM_WORLD);
  check_cuda(cudaSetDevice(device), "cudaSetDevice");
  // NCCL refuses two ranks on one GPU ("invalid usage"): name the likely cause.
  const std::string init = "ncclCommInitRank (rank " + std::to_string(rank) + " of " + std::to_string(ranks) +
                           " on GPU " + std::to_string(device) + "; NCCL needs a GPU of its own for each rank)";
  check_nccl(ncclCommInitRank(&impl_->comm, ranks, id, rank), init.c_str());
}

NcclAllReduce::~NcclAllReduce() {
  if (impl_->comm) ncclCommDestroy(impl_->comm);
  delete impl_;
}

void NcclAllReduce::mean(float* device_data, size_t count, void* cuda_stream) {
  check_nccl(ncclAllReduce(device_data, device_data, count, ncclFloat, ncclAvg, impl_->comm,
                           static_cast<cudaStream_t>(cuda_stream)),
             "ncclAllReduce");
}

}  // namespace mucpt
