#pragma once
// Data-parallel gradient averaging: every gradient is packed into one flat float32
// buffer (allocated once, on the parameters' device), summed over the ranks in buckets
// (so no count reaches 2^31) and divided by the number of ranks, then unpacked. Every
// rank then holds the same gradient and, after the same optimizer step, the same
// parameters. On CPU the buckets go through MPI_Allreduce; on CUDA through NCCL when
// the build has it (MPI hands out NCCL's unique id), else through host memory and MPI.
#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

namespace mucpt {

class NcclAllReduce;

class GradientSync {
 public:
  // Every rank constructs it together (NCCL's communicator is collective).
  GradientSync(const torch::OrderedDict<std::string, torch::Tensor>& parameters, int rank, int ranks);
  ~GradientSync();
  GradientSync(const GradientSync&) = delete;
  GradientSync& operator=(const GradientSync&) = delete;

  void average();

 private:
  void sum_over_ranks_in_buckets();

  torch::OrderedDict<std::string, torch::Tensor> parameters_;
  int ranks_;
  torch::Tensor flat_;
  std::unique_ptr<NcclAllReduce> nccl_;  // CUDA parameters in a build with NCCL
};

// Sums a few numbers (losses, token counts) over the ranks.
void sum_over_ranks(std::vector<double>& values);

}  // namespace mucpt
