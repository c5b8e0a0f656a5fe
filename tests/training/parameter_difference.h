#pragma once
// How far apart the parameters of two model folders are.
#include <algorithm>
#include <cmath>
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

// The Euclidean distance between the two folders' parameters, all tensors together.
inline double parameter_distance(const std::string& a, const std::string& b) {
  auto x = load_llama(a)->named_parameters();
  auto y = load_llama(b)->named_parameters();
  double squares = 0;
  for (const auto& p : x) squares += (p.value() - y[p.key()]).pow(2).sum().item<double>();
  return std::sqrt(squares);
}

}  // namespace mucpt::testing
