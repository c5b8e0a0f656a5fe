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

void AdamW::zero_grad() {
  for (auto& p : parameters_)
    if (p.value().grad().defined()) p.value().mutable_grad().zero_();
}

void AdamW::step(double lr) {
  torch::NoGradGuard no_grad;
  ++steps_;
  const double bias1 = 1.0 - std::pow(options_.beta1, static_cast<double>(steps_));
  const double bias2 = 1.0 - std::pow(options_.beta2, static_cast<double>(steps_));
  for (auto& p : parameters_) {
    torch::Tensor& param = p.value();
    if (!param.grad().defined()) continue;
    const torch::Tensor& grad = param.grad();
    torch::Tensor& m = exp_avg_[p.key()];
    torch::Tensor& v = exp_avg_sq_[p.key()];
    if (param.dim() >= 2) param.mul_(1.0 - lr * options_.weight_decay);
    m.mul_(options_.beta1).add_(grad, 1.0 - options_.beta1);
    v.mul_(options_.beta2).addcmul_(grad, grad, 1.0 - options_.beta2);
    auto denom = (v.sqrt() / std::sqrt(bias2)).add_(options_.eps);
    param.addcdiv_(m, denom, -lr / bias1);
  }
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
