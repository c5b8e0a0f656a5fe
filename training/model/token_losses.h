#pragma once
// Each target token's cross-entropy loss under a model, [B, T], for the passes that need
// no gradient: score, validation and perplexity, and the reference model's losses in
// train. The output head and the loss run over a slice of the positions at a time, so
// the logits held at once stay under kLogitsPerSlice elements whatever the batch and the
// vocabulary: all of a batch's logits over Qwen2's 151,936 ids would be 10 GB for 8
// windows of 2,048 tokens (and the log-softmax as much again). Below one slice's worth
// the whole batch is one slice: the products of the full forward pass, unchanged.
#include <cstdint>

#include "training/model/llama.h"

namespace mucpt {

constexpr int64_t kLogitsPerSlice = int64_t(1) << 27;  // 512 MiB of float32 logits

// inputs and targets [B, T] int64, on the model's device.
torch::Tensor token_losses_without_grad(LlamaForCausalLM& model, const torch::Tensor& inputs,
                                        const torch::Tensor& targets, int64_t logits_per_slice = kLogitsPerSlice);

}  // namespace mucpt
