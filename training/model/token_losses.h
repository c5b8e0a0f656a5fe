#pragma once
// Each target token's cross-entropy loss under a model, [B, T] float32. The output head
// and the loss run over a slice of the positions at a time, so the logits held at once
// stay under a bound whatever the batch and the vocabulary: all of a batch's logits over
// Qwen2's 151,936 ids would be 10 GB for 8 windows of 2,048 tokens, and the log-softmax
// and the gradient as much again each. Below one slice's worth the whole batch is one
// slice: the products of the plain forward pass and its backward.
#include <cstdint>
#include <limits>

#include "training/model/llama.h"

namespace mucpt {

constexpr int64_t kLogitsPerSlice = int64_t(1) << 27;  // 512 MiB of float32 logits
constexpr int64_t kWholeBatchLogits = std::numeric_limits<int64_t>::max();  // one slice, always

// For the passes that need no gradient: score, validation and perplexity, and the
// reference model's losses in train. inputs and targets [B, T] int64, on the model's
// device.
torch::Tensor token_losses_without_grad(LlamaForCausalLM& model, const torch::Tensor& inputs,
                                        const torch::Tensor& targets, int64_t logits_per_slice = kLogitsPerSlice);

// For training (train's --sliced_loss_logits; kWholeBatchLogits, the plain pass, when
// off): above one slice, the backward makes each slice's logits again from the saved
// hidden states instead of holding them, as Liger Kernel's fused linear cross-entropy and
// torchtune's chunked loss do: one more product with the output head for far less
// memory. Under bfloat16 autocast the head's products run in bfloat16 and the softmax in
// float32, as the plain pass runs them.
torch::Tensor token_losses_with_grad(LlamaForCausalLM& model, const torch::Tensor& inputs,
                                     const torch::Tensor& targets, int64_t logits_per_slice);

}  // namespace mucpt
