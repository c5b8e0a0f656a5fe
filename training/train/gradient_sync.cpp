#include "training/train/gradient_sync.h"

#include <mpi.h>

#include <algorithm>
#include <stdexcept>

#ifdef MUCPT_HAVE_NCCL
#include "training/gpu/nccl_allreduce.h"
#endif
#ifdef MUCPT_TORCH_CUDA  // NCCL and a CUDA LibTorch (training/CMakeLists.txt): the NCCL path
#include <c10/cuda/CUDAStream.h>
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
  for (const auto& p : parameters_) {
    if (p.value().scalar_type() != torch::kFloat32)
      throw std::logic_error("gradient sync: parameter " + p.key() + " is not float32 (the master weights are)");
    total += p.value().numel();
  }
  const torch::Device device = parameters_.front().value().device();
  flat_ = torch::zeros({total}, torch::TensorOptions().dtype(torch::kFloat32).device(device));
  torch::NoGradGuard no_grad;
  int64_t offset = 0;
  for (const auto& p : parameters_) {
    torch::Tensor param = p.value();
    auto view = flat_.slice(0, offset, offset + param.numel()).view_as(param);
    if (param.grad().defined()) view.copy_(param.grad());
    param.mutable_grad() = view;
    offset += param.numel();
  }
#ifdef MUCPT_TORCH_CUDA
  if (device.is_cuda()) nccl_ = std::make_unique<NcclAllReduce>(rank, ranks, device.index());
#endif
}

GradientSync::~GradientSync() = default;

void GradientSync::average() {
  if (!flat_.defined()) return;
  torch::NoGradGuard no_grad;
  check_views_held();
  sum_over_ranks_in_buckets();
}

// A gradient set to none or replaced would be left out of the sum unseen.
void GradientSync::check_views_held() const {
  const char* base = static_cast<const char*>(flat_.data_ptr());
  int64_t offset = 0;
  for (const auto& p : parameters_) {
    const torch::Tensor& grad = p.value().grad();
    if (!grad.defined() || grad.data_ptr() != base + offset * int64_t(sizeof(float)))
      throw std::logic_error("gradient sync: the gradient of " + p.key() +
                             " is no longer a view into the flat buffer (zero gradients in place)");
    offset += p.value().numel();
  }
}

void GradientSync::sum_over_ranks_in_buckets() {
  const int64_t total = flat_.numel();
#ifdef MUCPT_TORCH_CUDA
  if (nccl_) {  // NCCL averages: its ncclAvg divides by the ranks itself
    // On the stream LibTorch queues the backward and the optimizer on: after the one and
    // before the other, whichever stream is current.
    void* stream = c10::cuda::getCurrentCUDAStream(flat_.device().index()).stream();
    for (int64_t at = 0; at < total; at += kBucket)
      nccl_->mean(flat_.data_ptr<float>() + at, static_cast<size_t>(std::min(kBucket, total - at)), stream);
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

bool gradient_sync_uses_nccl() {
#ifdef MUCPT_TORCH_CUDA
  return true;
#else
  return false;
#endif
}

void sum_over_ranks(std::vector<double>& values) {
  MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
}

}  // namespace mucpt
