#include "evaluation/generation/decodable_ids.h"

#include <limits>
#include <vector>

#include "common/tokenizer/tokenizer.h"

namespace mucpt {

torch::Tensor undecodable_bias(const Tokenizer& tokenizer, int64_t vocab_size) {
  std::vector<float> bias(static_cast<size_t>(vocab_size), 0.0f);
  bool any = false;
  for (int64_t id = 0; id < vocab_size; ++id) {
    if (id < static_cast<int64_t>(tokenizer.vocab_size()) && !tokenizer.id_to_token(static_cast<int32_t>(id)).empty())
      continue;
    bias[static_cast<size_t>(id)] = -std::numeric_limits<float>::infinity();
    any = true;
  }
  return any ? torch::tensor(bias) : torch::Tensor();
}

}  // namespace mucpt
