#pragma once
// Data-parallel gradient averaging over one flat float32 buffer (allocated once, on the
// parameters' device) that every gradient is a view into, as DDP's
// gradient_as_bucket_view: the backward accumulates into it in place, so the buffer is
// summed over the ranks in buckets (so no count reaches 2^31) and divided by the number
// of ranks with nothing copied in or out. Every rank then holds the same gradient and,
// after the same optimizer step, the same parameters. Gradients must be zeroed in place
// (never set to none or replaced) for the views to hold. On CPU the buckets go through
// MPI_Allreduce; on CUDA through NCCL when the build has it (MPI hands out NCCL's unique
// id), else through host memory and MPI.
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

  // Each parameter's gradient becomes the mean of the ranks' gradients.
  void average();

 private:
  void check_views_held() const;
  void sum_over_ranks_in_buckets();

  torch::OrderedDict<std::string, torch::Tensor> parameters_;
  int ranks_;
  torch::Tensor flat_;
  std::unique_ptr<NcclAllReduce> nccl_;  // CUDA parameters in a build with NCCL
};

// Whether CUDA parameters' gradients go through NCCL: a build with NCCL and a CUDA
// LibTorch (else they go through host memory and MPI).
bool gradient_sync_uses_nccl();

// Sums a few numbers (losses, token counts) over the ranks.
void sum_over_ranks(std::vector<double>& values);

}  // namespace mucpt
