#include "evaluation/generation/prompt_builder.h"

#include <cctype>

#include "evaluation/generation/fewshot.h"

namespace mucpt {

PromptBuilder::PromptBuilder(std::string prompt_template, std::vector<BenchmarkItem> fewshot_pool, int fewshot,
                             uint64_t fewshot_seed, std::optional<ChatTemplate> chat)
    : template_(std::move(prompt_template)), pool_(std::move(fewshot_pool)), fewshot_(fewshot), seed_(fewshot_seed),
      chat_(std::move(chat)) {}

std::string PromptBuilder::question_prompt(const std::string& question) const {
  std::string prompt = template_;
  const std::string slot = "{question}";
  if (auto at = prompt.find(slot); at != std::string::npos) prompt.replace(at, slot.size(), question);
  return prompt;
}

std::string PromptBuilder::prompt_for(const BenchmarkItem& item) const {
  std::string prompt;
  for (const BenchmarkItem* shot : draw_fewshot_examples(item, pool_, fewshot_, seed_)) {
    std::string example = question_prompt(shot->question);
    // The answer follows the prompt as the model should continue it: after a space,
    // unless the template already ends in whitespace.
    if (!example.empty() && !std::isspace(static_cast<unsigned char>(example.back()))) example += ' ';
    prompt += example + shot->answer + "\n\n";
  }
  prompt += question_prompt(item.question);
  return chat_ ? chat_->user_turn(prompt) : prompt;
}

}  // namespace mucpt
