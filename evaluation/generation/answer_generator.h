#pragma once
// Answers questions with a language model: the question rendered into a prompt
// template, greedy decoding until EOS, a line break or max_new_tokens, the answer's
// first line kept. Greedy keeps the benchmark deterministic, as factual-QA harnesses
// evaluate base models. Only ids the tokenizer can decode are generated.
#include <memory>
#include <string>

#include "training/model/llama.h"

namespace mucpt {

class Tokenizer;

class AnswerGenerator {
 public:
  AnswerGenerator(LlamaForCausalLM model, std::shared_ptr<Tokenizer> tokenizer, std::string prompt_template,
                  int max_new_tokens);
  std::string prompt_for(const std::string& question) const;  // {question} replaced
  std::string answer(const std::string& question);

 private:
  LlamaForCausalLM model_;
  std::shared_ptr<Tokenizer> tokenizer_;
  std::string template_;
  int max_new_tokens_;
  torch::Tensor undecodable_;  // -inf at ids the tokenizer cannot decode; undefined if none
};

}  // namespace mucpt
