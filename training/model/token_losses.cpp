#include "training/model/token_losses.h"

#include <algorithm>
#include <vector>

#include "training/model/autocast.h"
#include "training/model/gemm.h"

namespace mucpt {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::tensor_list;

torch::Tensor plain_token_losses(const torch::Tensor& logits, const torch::Tensor& targets) {
  return torch::nn::functional::cross_entropy(logits, targets,
                                              torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
}

int64_t positions_per_slice(int64_t logits_per_slice, int64_t vocab) {
  return std::max<int64_t>(1, logits_per_slice / vocab);
}

// op(a) op(b): float32 on the CPU through the toolkit's sgemm, as the model's own
// products (torch::mm's OpenBLAS keeps a thread pool that contends with LibTorch's).
torch::Tensor product(const torch::Tensor& a, bool transpose_a, const torch::Tensor& b, bool transpose_b) {
  if (a.is_cpu() && a.scalar_type() == torch::kFloat32 && b.scalar_type() == torch::kFloat32)
    return batched_matmul(a.unsqueeze(0), transpose_a, b.unsqueeze(0), transpose_b).squeeze(0);
  return torch::mm(transpose_a ? a.t() : a, transpose_b ? b.t() : b);
}

// The head's logits of one slice of positions, in float32, from its product in `compute`
// (bfloat16 under autocast; weight_in already in it). Made by hand in both passes: the
// backward may run where autocast is off (a GPU's backward thread) or on (the CPU's).
torch::Tensor slice_logits(const torch::Tensor& hidden, const torch::Tensor& weight_in, torch::ScalarType compute) {
  return product(hidden.to(compute), false, weight_in, true).to(torch::kFloat32);
}

// losses[i] = logsumexp(logits[i]) - logits[i][target[i]], one slice of positions at a
// time; the backward makes each slice's logits again and adds its share of the
// gradients of the hidden states and the head's weight.
struct SlicedHeadLoss : torch::autograd::Function<SlicedHeadLoss> {
  static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& hidden, const torch::Tensor& weight,
                               const torch::Tensor& targets, int64_t slice) {
    const torch::ScalarType compute =
        autocast_enabled(hidden.device().type()) ? torch::kBFloat16 : hidden.scalar_type();
    const auto weight_in = weight.to(compute);
    const int64_t total = hidden.size(0);
    auto losses = torch::empty({total}, hidden.options().dtype(torch::kFloat32));
    auto log_sums = torch::empty({total}, hidden.options().dtype(torch::kFloat32));
    for (int64_t at = 0; at < total; at += slice) {
      const int64_t end = std::min(total, at + slice);
      const auto logits = slice_logits(hidden.slice(0, at, end), weight_in, compute);
      const auto log_sum = torch::logsumexp(logits, 1);
      log_sums.slice(0, at, end).copy_(log_sum);
      losses.slice(0, at, end).copy_(log_sum - logits.gather(1, targets.slice(0, at, end).unsqueeze(1)).squeeze(1));
    }
    ctx->save_for_backward({hidden, weight, targets, log_sums});
    ctx->saved_data["slice"] = slice;
    ctx->saved_data["compute"] = static_cast<int64_t>(compute);
    return losses;
  }

  static tensor_list backward(AutogradContext* ctx, tensor_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto &hidden = saved[0], &weight = saved[1], &targets = saved[2], &log_sums = saved[3];
    const int64_t slice = ctx->saved_data["slice"].toInt();
    const auto compute = static_cast<torch::ScalarType>(ctx->saved_data["compute"].toInt());
    const auto grad_losses = grads[0].to(torch::kFloat32);
    const auto weight_in = weight.to(compute);
    auto grad_hidden = torch::empty_like(hidden);
    auto grad_weight = torch::zeros(weight.sizes(), weight.options().dtype(torch::kFloat32));
    const int64_t total = hidden.size(0);
    for (int64_t at = 0; at < total; at += slice) {
      const int64_t end = std::min(total, at + slice);
      const auto part = hidden.slice(0, at, end);
      // d loss / d logits = (softmax - one-hot of the target) x the loss's gradient.
      auto grad_logits = slice_logits(part, weight_in, compute).sub_(log_sums.slice(0, at, end).unsqueeze(1)).exp_();
      grad_logits.scatter_add_(1, targets.slice(0, at, end).unsqueeze(1),
                               torch::full({end - at, 1}, -1.0, grad_logits.options()));
      grad_logits.mul_(grad_losses.slice(0, at, end).unsqueeze(1));
      const auto grad_in = grad_logits.to(compute);
      grad_hidden.slice(0, at, end).copy_(product(grad_in, false, weight_in, false));
      grad_weight.add_(product(grad_in, true, part.to(compute), false));
    }
    return {grad_hidden, grad_weight.to(weight.scalar_type()), torch::Tensor(), torch::Tensor()};
  }
};

}  // namespace

torch::Tensor token_losses_without_grad(LlamaForCausalLM& model, const torch::Tensor& inputs,
                                        const torch::Tensor& targets, int64_t logits_per_slice) {
  torch::NoGradGuard no_grad;
  const auto hidden = model->model->forward(inputs);
  const auto positions = hidden.reshape({-1, hidden.size(-1)});
  const auto flat_targets = targets.reshape({-1});
  const int64_t total = positions.size(0);
  const int64_t slice = positions_per_slice(logits_per_slice, model->config.vocab_size);
  std::vector<torch::Tensor> losses;
  for (int64_t at = 0; at < total; at += slice) {
    const int64_t end = std::min(total, at + slice);
    losses.push_back(plain_token_losses(model->logits(positions.slice(0, at, end)), flat_targets.slice(0, at, end)));
  }
  return (losses.size() == 1 ? losses.front() : torch::cat(losses)).view(targets.sizes());
}

torch::Tensor token_losses_with_grad(LlamaForCausalLM& model, const torch::Tensor& inputs,
                                     const torch::Tensor& targets, int64_t logits_per_slice) {
  const auto hidden = model->model->forward(inputs);
  const auto positions = hidden.reshape({-1, hidden.size(-1)});
  const auto flat_targets = targets.reshape({-1});
  const int64_t slice = positions_per_slice(logits_per_slice, model->config.vocab_size);
  if (positions.size(0) <= slice)
    return plain_token_losses(model->logits(positions), flat_targets).view(targets.sizes());
  return SlicedHeadLoss::apply(positions, model->output_weight(), flat_targets, slice).view(targets.sizes());
}

}  // namespace mucpt
