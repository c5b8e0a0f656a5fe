#pragma once
// Greedy decoding: the next token is the arg-max of the last position's logits. Each
// step runs the whole sequence again (no key/value cache): simple and exact, meant for
// checks and short answers.
#include <cstdint>
#include <vector>

#include "training/model/llama.h"

namespace mucpt {

// Appends up to max_new tokens to prompt; stops after stop_id when stop_id >= 0.
std::vector<int64_t> greedy_generate(LlamaForCausalLM& model, const std::vector<int64_t>& prompt, int max_new,
                                     int64_t stop_id = -1);

}  // namespace mucpt
