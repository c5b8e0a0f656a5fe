#pragma once
// Answers prompts with a language model: greedy decoding with the key/value cache,
// batch_size prompts at a time (left-padded; each answer is the one its prompt gives
// alone), each prompt until EOS, a stop string or max_new_tokens, the answer cut before
// its stop string. Greedy keeps the benchmark deterministic, as factual-QA harnesses
// evaluate base models. Only ids the tokenizer can decode are generated.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "training/model/llama.h"

namespace mucpt {

class Tokenizer;

struct AnswerSettings {
  int max_new_tokens = 32;
  std::vector<std::string> stop{"\n"};
  int batch_size = 16;
};

// What the generator has done so far, for throughput figures.
struct GenerationCounts {
  uint64_t prompts = 0;
  uint64_t tokens = 0;  // generated, EOS included
  double seconds = 0;
};

class AnswerGenerator {
 public:
  AnswerGenerator(LlamaForCausalLM model, std::shared_ptr<Tokenizer> tokenizer, AnswerSettings settings);
  // One answer per prompt, in the prompts' order. Prompts of similar length share a batch.
  std::vector<std::string> answer(const std::vector<std::string>& prompts);
  std::string answer(const std::string& prompt) { return answer(std::vector<std::string>{prompt}).front(); }
  const GenerationCounts& counts() const { return counts_; }

 private:
  LlamaForCausalLM model_;
  std::shared_ptr<Tokenizer> tokenizer_;
  AnswerSettings settings_;
  torch::Tensor undecodable_;  // -inf at ids the tokenizer cannot decode; undefined if none
  GenerationCounts counts_;
};

}  // namespace mucpt
