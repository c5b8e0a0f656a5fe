#pragma once
// The gold answer's loss under a model given its prompt, as lm-evaluation-harness scores
// a continuation: the prompt and " " + answer (the answer alone after a prompt that ends
// in whitespace, as the few-shot examples join them) are encoded apart and joined, and
// the loss is summed over the answer's tokens. A finer measure of what a model knows than a
// greedy answer's grade: it moves before the answer becomes the model's first choice.
#include <cstdint>
#include <string>
#include <vector>

#include "training/model/llama.h"

namespace mucpt {

class Tokenizer;

struct AnswerLoss {
  double nats = 0;     // summed over the answer's tokens
  int64_t tokens = 0;  // answer tokens scored
  double per_token() const { return tokens > 0 ? nats / static_cast<double>(tokens) : 0.0; }
};

// One AnswerLoss per (prompt, answer) pair, scored `batch_size` pairs to a forward pass
// (the losses of one at a time, to rounding). The prompt's start is cut when the pair does
// not fit the model's context.
std::vector<AnswerLoss> answer_losses(LlamaForCausalLM& model, Tokenizer& tokenizer,
                                      const std::vector<std::string>& prompts, const std::vector<std::string>& answers,
                                      int64_t batch_size);

}  // namespace mucpt
