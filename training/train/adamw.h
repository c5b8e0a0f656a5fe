#pragma once
// AdamW as PyTorch defines it (decoupled weight decay, bias-corrected moments), written
// out so that its whole state is two named tensors per parameter and a step count:
// saved beside a checkpoint and restored exactly. Weight decay applies to matrices
// only (not to norm weights or biases), as in llm.c and Megatron. A step updates the
// parameters in groups through LibTorch's multi-tensor (foreach) ops, as PyTorch's AdamW
// does on GPUs; on the CPU its values are LibTorch's torch::optim::AdamW's, bit for bit.
#include <torch/torch.h>

#include <map>
#include <string>

namespace mucpt {

struct AdamWOptions {
  double beta1 = 0.9, beta2 = 0.95, eps = 1e-8, weight_decay = 0.1;
};

class AdamW {
 public:
  AdamW(const torch::OrderedDict<std::string, torch::Tensor>& parameters, AdamWOptions options);
  void zero_grad();
  void step(double lr);
  int64_t steps() const { return steps_; }

  // "exp_avg.<name>" and "exp_avg_sq.<name>" for every parameter.
  std::vector<std::pair<std::string, torch::Tensor>> state() const;
  void load_state(const std::map<std::string, torch::Tensor>& state, int64_t steps);

 private:
  torch::OrderedDict<std::string, torch::Tensor> parameters_;
  std::map<std::string, torch::Tensor> exp_avg_, exp_avg_sq_;
  AdamWOptions options_;
  int64_t steps_ = 0;
};

}  // namespace mucpt
