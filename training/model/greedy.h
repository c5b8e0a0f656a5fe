#pragma once
// Greedy decoding: the next token is the arg-max of the last position's logits. With
// the key/value cache the prompt runs once and each new token alone; without it each
// step runs the whole sequence again (the reference the cache is checked against).
#include <cstdint>
#include <functional>
#include <vector>

#include "training/model/llama.h"

namespace mucpt {

// Appends up to max_new tokens to prompt; stops after any of stop_ids.
// logit_bias, when defined ([vocab]), is added to the logits before the arg-max.
std::vector<int64_t> greedy_generate(LlamaForCausalLM& model, const std::vector<int64_t>& prompt, int max_new,
                                     const std::vector<int64_t>& stop_ids = {}, bool use_cache = true,
                                     const torch::Tensor& logit_bias = {});

// Whether row `row` goes on after its latest token (generated so far: its new ids).
using RowGoesOn = std::function<bool(size_t row, const std::vector<int64_t>& generated)>;

// Greedy decoding of several prompts at once with the cache: the prompts are padded on
// the left into one batch; each row's positions and attention are its own, so it decodes
// as greedy_generate decodes it alone (the batch's matrix products may round its logits a
// few ulps apart). A row stops after any of stop_ids, after max_new tokens, or when
// goes_on says so, and leaves the batch while the others go on. Returns each prompt's
// new ids, in the prompts' order.
std::vector<std::vector<int64_t>> greedy_generate_batch(LlamaForCausalLM& model,
                                                        const std::vector<std::vector<int64_t>>& prompts,
                                                        int max_new, const std::vector<int64_t>& stop_ids = {},
                                                        const torch::Tensor& logit_bias = {},
                                                        const RowGoesOn& goes_on = {});

}  // namespace mucpt
