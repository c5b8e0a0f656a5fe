#pragma once
// A model's embedding can hold more ids than its tokenizer decodes (padded, as Qwen
// pads it, or with gaps in the tokenizer's ids): generation for text must never choose
// those. The bias adds -inf at each of them to the logits.
#include <torch/torch.h>

namespace mucpt {

class Tokenizer;

// [vocab_size] float32: 0 where the tokenizer decodes the id, -inf elsewhere;
// undefined when every id decodes.
torch::Tensor undecodable_bias(const Tokenizer& tokenizer, int64_t vocab_size);

}  // namespace mucpt
