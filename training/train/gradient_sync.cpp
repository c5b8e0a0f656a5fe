#include "training/train/gradient_sync.h"

#include <mpi.h>

#include <algorithm>

namespace mucpt {

void average_gradients(const torch::OrderedDict<std::string, torch::Tensor>& parameters, int ranks) {
  if (ranks == 1) return;
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> grads;
  for (const auto& p : parameters) {
    const torch::Tensor& param = p.value();
    grads.push_back(param.grad().defined() ? param.grad().flatten() : torch::zeros({param.numel()}));
  }
  auto flat = torch::cat(grads).to(torch::kFloat32).contiguous();
  float* data = flat.data_ptr<float>();
  const int64_t total = flat.numel();
  constexpr int64_t kChunk = int64_t(1) << 28;
  for (int64_t at = 0; at < total; at += kChunk)
    MPI_Allreduce(MPI_IN_PLACE, data + at, static_cast<int>(std::min(kChunk, total - at)), MPI_FLOAT, MPI_SUM,
                  MPI_COMM_WORLD);
  flat.div_(ranks);
  int64_t offset = 0;
  for (const auto& p : parameters) {
    torch::Tensor param = p.value();
    const int64_t n = param.numel();
    auto part = flat.slice(0, offset, offset + n).view_as(param);
    if (param.grad().defined()) param.mutable_grad().copy_(part);
    else param.mutable_grad() = part.clone();
    offset += n;
  }
}

void sum_over_ranks(std::vector<double>& values) {
  MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
}

}  // namespace mucpt
