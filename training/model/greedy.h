#pragma once
// Greedy decoding: the next token is the arg-max of the last position's logits. With
// the key/value cache the prompt runs once and each new token alone; without it each
// step runs the whole sequence again (the reference the cache is checked against).
#include <cstdint>
#include <vector>

#include "training/model/llama.h"

namespace mucpt {

// Appends up to max_new tokens to prompt; stops after stop_id when stop_id >= 0.
// logit_bias, when defined ([vocab]), is added to the logits before the arg-max.
std::vector<int64_t> greedy_generate(LlamaForCausalLM& model, const std::vector<int64_t>& prompt, int max_new,
                                     int64_t stop_id = -1, bool use_cache = true,
                                     const torch::Tensor& logit_bias = {});

}  // namespace mucpt
