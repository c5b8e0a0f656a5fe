#include "evaluation/generation/answer_generator.h"

#include <algorithm>
#include <chrono>
#include <numeric>

#include "common/tokenizer/tokenizer.h"
#include "evaluation/generation/decodable_ids.h"
#include "evaluation/generation/stop_strings.h"
#include "training/model/greedy.h"

namespace mucpt {

AnswerGenerator::AnswerGenerator(LlamaForCausalLM model, std::shared_ptr<Tokenizer> tokenizer,
                                 AnswerSettings settings)
    : model_(std::move(model)), tokenizer_(std::move(tokenizer)), settings_(std::move(settings)) {
  model_->eval();
  undecodable_ = undecodable_bias(*tokenizer_, model_->config.vocab_size);
  if (undecodable_.defined()) undecodable_ = undecodable_.to(model_->parameters().front().device());
}

std::vector<std::string> AnswerGenerator::answer(const std::vector<std::string>& prompts) {
  const auto started = std::chrono::steady_clock::now();
  const int64_t context = model_->config.max_position_embeddings;
  // Any end of sequence the model lists ends an answer (an instruction model's end of turn
  // among them), else the tokenizer's.
  std::vector<int64_t> eos = model_->config.eos_token_ids;
  if (eos.empty() && tokenizer_->eos_id() >= 0) eos.push_back(tokenizer_->eos_id());
  std::vector<std::vector<int64_t>> ids(prompts.size());
  for (size_t i = 0; i < prompts.size(); ++i) {
    for (int32_t id : tokenizer_->encode(prompts[i])) ids[i].push_back(id);
    // The prompt's end is kept when it does not fit, with room for one new token.
    if (static_cast<int64_t>(ids[i].size()) >= context) ids[i].erase(ids[i].begin(), ids[i].end() - (context - 1));
  }
  // Batches of similar lengths waste less on padding; the order does not change an answer.
  std::vector<size_t> order(prompts.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ids[a].size() < ids[b].size(); });

  std::vector<std::string> answers(prompts.size());
  const size_t batch_size = static_cast<size_t>(std::max(1, settings_.batch_size));
  for (size_t first = 0; first < order.size(); first += batch_size) {
    const std::vector<size_t> members(order.begin() + static_cast<long>(first),
                                      order.begin() + static_cast<long>(std::min(order.size(), first + batch_size)));
    std::vector<std::vector<int64_t>> batch;
    for (size_t i : members) batch.push_back(ids[i]);
    // Byte-level tokens can split a character: the answer's ids are decoded as a whole,
    // without special tokens (a chat template's markers are not the answer's words).
    auto text_of = [&](const std::vector<int64_t>& generated) {
      std::vector<int32_t> answer_ids;
      for (int64_t id : generated)
        if (std::find(eos.begin(), eos.end(), id) == eos.end()) answer_ids.push_back(static_cast<int32_t>(id));
      return tokenizer_->decode(answer_ids, /*skip_special=*/true);
    };
    auto goes_on = [&](size_t row, const std::vector<int64_t>& generated) {
      const int64_t length = static_cast<int64_t>(batch[row].size() + generated.size());
      return length < context && stop_position(text_of(generated), settings_.stop) == std::string::npos;
    };
    const auto generated = greedy_generate_batch(model_, batch, settings_.max_new_tokens, eos, undecodable_, goes_on);
    for (size_t row = 0; row < members.size(); ++row) {
      answers[members[row]] = answer_before_stop(text_of(generated[row]), settings_.stop);
      counts_.tokens += generated[row].size();
    }
  }
  counts_.prompts += prompts.size();
  counts_.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return answers;
}

}  // namespace mucpt
