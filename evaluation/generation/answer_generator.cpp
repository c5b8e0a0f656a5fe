#include "evaluation/generation/answer_generator.h"

#include <vector>

#include "common/tokenizer/tokenizer.h"
#include "evaluation/generation/decodable_ids.h"

namespace mucpt {

AnswerGenerator::AnswerGenerator(LlamaForCausalLM model, std::shared_ptr<Tokenizer> tokenizer,
                                 std::string prompt_template, int max_new_tokens)
    : model_(std::move(model)), tokenizer_(std::move(tokenizer)), template_(std::move(prompt_template)),
      max_new_tokens_(max_new_tokens) {
  model_->eval();
  undecodable_ = undecodable_bias(*tokenizer_, model_->config.vocab_size);
}

std::string AnswerGenerator::prompt_for(const std::string& question) const {
  std::string prompt = template_;
  const std::string slot = "{question}";
  if (auto at = prompt.find(slot); at != std::string::npos) prompt.replace(at, slot.size(), question);
  return prompt;
}

std::string AnswerGenerator::answer(const std::string& question) {
  torch::NoGradGuard no_grad;
  std::vector<int64_t> ids;
  for (int32_t id : tokenizer_->encode(prompt_for(question))) ids.push_back(id);
  const int64_t context = model_->config.max_position_embeddings;
  if (static_cast<int64_t>(ids.size()) >= context) ids.erase(ids.begin(), ids.end() - (context - 1));
  const int64_t eos = model_->config.eos_token_id >= 0 ? model_->config.eos_token_id : tokenizer_->eos_id();
  // Byte-level tokens can split a character: the answer's ids are decoded as a whole.
  std::vector<int32_t> answer_ids;
  std::string text;
  KvCache cache;  // the prompt runs once, then each new token alone
  std::vector<int64_t> feed = ids;
  for (int step = 0; step < max_new_tokens_ && static_cast<int64_t>(ids.size()) < context; ++step) {
    auto logits = model_->forward(torch::tensor(feed, torch::kInt64).unsqueeze(0), &cache);
    auto last = logits[0][static_cast<int64_t>(feed.size()) - 1];
    if (undecodable_.defined()) last = last + undecodable_;
    const int64_t next = last.argmax().item<int64_t>();
    if (next == eos) break;
    ids.push_back(next);
    feed.assign(1, next);
    answer_ids.push_back(static_cast<int32_t>(next));
    text = tokenizer_->decode(answer_ids);
    if (text.find('\n', text.find_first_not_of(" \n")) != std::string::npos) break;
  }
  // The first non-empty line, without the spaces around it.
  size_t begin = text.find_first_not_of(" \n");
  if (begin == std::string::npos) return "";
  std::string line = text.substr(begin, text.find('\n', begin) - begin);
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

}  // namespace mucpt
