#pragma once
// Global gradient-norm clipping as LibTorch's torch::nn::utils::clip_grad_norm_ computes
// it, value for value (the L2 norm over every gradient; each gradient times
// min(1, max_norm / (norm + 1e-6)) in float32), through multi-tensor ops: on a GPU a few
// kernels a step where the reference takes two per parameter.
#include <torch/torch.h>

#include <vector>

namespace mucpt {

// Clips the gradients of `parameters` (those that have one) to the global norm max_norm
// (infinity: measure only) and returns their norm before clipping.
double clip_gradient_norm(const std::vector<torch::Tensor>& parameters, double max_norm);

}  // namespace mucpt
