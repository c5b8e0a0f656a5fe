#include "training/train/adamw.h"

#include <cmath>

#include "common/line_reader.h"

namespace mucpt {

AdamW::AdamW(const torch::OrderedDict<std::string, torch::Tensor>& parameters, AdamWOptions options)
    : parameters_(parameters), options_(options) {
  for (const auto& p : parameters_) {
    exp_avg_[p.key()] = torch::zeros_like(p.value());
    exp_avg_sq_[p.key()] = torch::zeros_like(p.value());
  }
}

// In place, in one multi-tensor op: gradients may be views into a shared buffer
// (GradientSync), which setting them to none would undo.
void AdamW::zero_grad() {
  std::vector<torch::Tensor> grads;
  for (auto& p : parameters_)
    if (p.value().grad().defined()) grads.push_back(p.value().grad());
  if (!grads.empty()) torch::_foreach_zero_(grads);
}

namespace {

// Parameters per multi-tensor update: few enough kernels a step on a GPU (one per op and
// group, where one per parameter would be hundreds of small launches), and the group's
// denominators, the one temporary, bounded (2^27 floats, 512 MiB).
constexpr int64_t kGroupElements = int64_t(1) << 27;

}  // namespace

void AdamW::step(double lr) {
  torch::NoGradGuard no_grad;
  ++steps_;
  const double bias1 = 1.0 - std::pow(options_.beta1, static_cast<double>(steps_));
  const double bias2 = 1.0 - std::pow(options_.beta2, static_cast<double>(steps_));
  // The same arithmetic, op for op, as one parameter at a time (the foreach ops off a GPU
  // run exactly those per-tensor ops): decay, the moments, then the update.
  std::vector<torch::Tensor> params, grads, exp_avgs, exp_avg_sqs, decayed;
  int64_t elements = 0;
  auto update_group = [&] {
    if (params.empty()) return;
    if (!decayed.empty()) torch::_foreach_mul_(decayed, at::Scalar(1.0 - lr * options_.weight_decay));
    torch::_foreach_mul_(exp_avgs, at::Scalar(options_.beta1));
    torch::_foreach_add_(exp_avgs, grads, at::Scalar(1.0 - options_.beta1));
    torch::_foreach_mul_(exp_avg_sqs, at::Scalar(options_.beta2));
    torch::_foreach_addcmul_(exp_avg_sqs, grads, grads, at::Scalar(1.0 - options_.beta2));
    auto denominators = torch::_foreach_sqrt(exp_avg_sqs);
    torch::_foreach_div_(denominators, at::Scalar(std::sqrt(bias2)));
    torch::_foreach_add_(denominators, at::Scalar(options_.eps));
    torch::_foreach_addcdiv_(params, exp_avgs, denominators, at::Scalar(-lr / bias1));
    for (auto* list : {&params, &grads, &exp_avgs, &exp_avg_sqs, &decayed}) list->clear();
    elements = 0;
  };
  for (auto& p : parameters_) {
    const torch::Tensor& param = p.value();
    if (!param.grad().defined()) continue;
    params.push_back(param);
    grads.push_back(param.grad());
    exp_avgs.push_back(exp_avg_[p.key()]);
    exp_avg_sqs.push_back(exp_avg_sq_[p.key()]);
    if (param.dim() >= 2) decayed.push_back(param);  // matrices only, as llm.c and Megatron
    elements += param.numel();
    if (elements >= kGroupElements) update_group();
  }
  update_group();
}

std::vector<std::pair<std::string, torch::Tensor>> AdamW::state() const {
  std::vector<std::pair<std::string, torch::Tensor>> out;
  for (const auto& [name, t] : exp_avg_) out.emplace_back("exp_avg." + name, t);
  for (const auto& [name, t] : exp_avg_sq_) out.emplace_back("exp_avg_sq." + name, t);
  return out;
}

void AdamW::load_state(const std::map<std::string, torch::Tensor>& state, int64_t steps) {
  torch::NoGradGuard no_grad;
  for (auto& [name, t] : exp_avg_) {
    for (const char* kind : {"exp_avg.", "exp_avg_sq."}) {
      auto it = state.find(kind + name);
      if (it == state.end()) throw IoError(std::string("optimizer state lacks '") + kind + name + "'");
      torch::Tensor& target = std::string(kind) == "exp_avg." ? t : exp_avg_sq_[name];
      if (it->second.sizes() != target.sizes()) throw IoError("optimizer state '" + it->first + "' has another shape");
      target.copy_(it->second);
    }
  }
  steps_ = steps;
}

}  // namespace mucpt
