// Prints the float32 logits train's own model computes for a Hugging Face folder, as
// JSON: {"shape": [B, T, V], "logits": [...]} in row-major order, for hf_parity.sh to
// set beside transformers' logits. Usage: hf_logits FOLDER ID [ID...]
#include <torch/torch.h>

#include <cstdio>
#include <string>
#include <vector>

#include "training/checkpoint/hf_checkpoint.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s FOLDER ID [ID...]\n", argv[0]);
    return 2;
  }
  std::vector<int64_t> ids;
  for (int i = 2; i < argc; ++i) ids.push_back(std::stoll(argv[i]));
  torch::NoGradGuard no_grad;
  auto model = mucpt::load_llama(argv[1]);
  model->eval();
  auto input = torch::tensor(ids, torch::kInt64).unsqueeze(0);
  auto logits = model->forward(input).to(torch::kFloat32).contiguous();
  const float* data = logits.data_ptr<float>();
  std::printf("{\"shape\": [%lld, %lld, %lld], \"logits\": [", static_cast<long long>(logits.size(0)),
              static_cast<long long>(logits.size(1)), static_cast<long long>(logits.size(2)));
  for (int64_t i = 0; i < logits.numel(); ++i) std::printf(i ? ", %.9g" : "%.9g", data[i]);
  std::printf("]}\n");
  return 0;
}
