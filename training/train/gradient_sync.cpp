#include "training/train/gradient_sync.h"

#include <mpi.h>

#include <algorithm>

#ifdef MUCPT_HAVE_NCCL
#include "training/gpu/nccl_allreduce.h"
#endif

namespace mucpt {

#ifndef MUCPT_HAVE_NCCL
class NcclAllReduce {};  // never made: the build has no NCCL
#endif

namespace {
constexpr int64_t kBucket = int64_t(1) << 28;  // floats per reduction
}  // namespace

GradientSync::GradientSync(const torch::OrderedDict<std::string, torch::Tensor>& parameters, int rank, int ranks)
    : parameters_(parameters), ranks_(ranks) {
  if (ranks_ == 1 || parameters_.is_empty()) return;
  int64_t total = 0;
  for (const auto& p : parameters_) total += p.value().numel();
  const torch::Device device = parameters_.front().value().device();
  flat_ = torch::zeros({total}, torch::TensorOptions().dtype(torch::kFloat32).device(device));
#ifdef MUCPT_HAVE_NCCL
  if (device.is_cuda()) nccl_ = std::make_unique<NcclAllReduce>(rank, ranks, device.index());
#endif
}

GradientSync::~GradientSync() = default;

void GradientSync::average() {
  if (!flat_.defined()) return;
  torch::NoGradGuard no_grad;
  int64_t offset = 0;
  for (const auto& p : parameters_) {
    const torch::Tensor& param = p.value();
    const int64_t n = param.numel();
    auto part = flat_.slice(0, offset, offset + n);
    if (param.grad().defined()) part.copy_(param.grad().reshape({-1}));
    else part.zero_();
    offset += n;
  }
  sum_over_ranks_in_buckets();
  offset = 0;
  for (const auto& p : parameters_) {
    torch::Tensor param = p.value();
    const int64_t n = param.numel();
    auto part = flat_.slice(0, offset, offset + n).view_as(param);
    if (param.grad().defined()) param.mutable_grad().copy_(part);
    else param.mutable_grad() = part.clone();
    offset += n;
  }
}

void GradientSync::sum_over_ranks_in_buckets() {
  const int64_t total = flat_.numel();
#ifdef MUCPT_HAVE_NCCL
  if (nccl_) {  // NCCL averages: its ncclAvg divides by the ranks itself
    for (int64_t at = 0; at < total; at += kBucket)
      nccl_->mean(flat_.data_ptr<float>() + at, static_cast<size_t>(std::min(kBucket, total - at)), nullptr);
    return;
  }
#endif
  torch::Tensor host = flat_.is_cpu() ? flat_ : flat_.cpu();
  float* data = host.data_ptr<float>();
  for (int64_t at = 0; at < total; at += kBucket)
    MPI_Allreduce(MPI_IN_PLACE, data + at, static_cast<int>(std::min(kBucket, total - at)), MPI_FLOAT, MPI_SUM,
                  MPI_COMM_WORLD);
  host.div_(ranks_);
  if (!flat_.is_cpu()) flat_.copy_(host);
}

void sum_over_ranks(std::vector<double>& values) {
  MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
}

}  // namespace mucpt
