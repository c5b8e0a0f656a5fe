#pragma once
// The largest absolute difference between the parameters of two model folders.
#include <algorithm>
#include <string>

#include "training/checkpoint/hf_checkpoint.h"

namespace mucpt::testing {

inline double max_parameter_difference(const std::string& a, const std::string& b) {
  auto x = load_llama(a)->named_parameters();
  auto y = load_llama(b)->named_parameters();
  double worst = 0;
  for (const auto& p : x) worst = std::max(worst, (p.value() - y[p.key()]).abs().max().item<double>());
  return worst;
}

}  // namespace mucpt::testing
