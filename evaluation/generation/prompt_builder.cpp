#include "evaluation/generation/prompt_builder.h"

#include <cctype>

#include "common/config.h"
#include "evaluation/generation/fewshot.h"

namespace mucpt {

namespace {

const std::string kQuestionSlot = "{question}";

}  // namespace

std::string unescape_prompt(const std::string& text) {
  std::string prompt;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      prompt += text[i];
      continue;
    }
    const char escaped = i + 1 < text.size() ? text[++i] : '\0';
    if (escaped == 'n') prompt += '\n';
    else if (escaped == 't') prompt += '\t';
    else if (escaped == '\\') prompt += '\\';
    else throw ConfigError("prompt: unknown escape in '" + text + "' (known: \\n \\t \\\\)");
  }
  return prompt;
}

PromptBuilder::PromptBuilder(std::string prompt_template, std::vector<BenchmarkItem> fewshot_pool, int fewshot,
                             uint64_t fewshot_seed, std::optional<ChatTemplate> chat)
    : template_(std::move(prompt_template)), pool_(std::move(fewshot_pool)), fewshot_(fewshot), seed_(fewshot_seed),
      chat_(std::move(chat)) {
  // Without the slot every item would get the same prompt, and the same answer.
  if (template_.find(kQuestionSlot) == std::string::npos)
    throw ConfigError("prompt: the template '" + template_ + "' has no " + kQuestionSlot + " slot");
}

std::string PromptBuilder::question_prompt(const std::string& question) const {
  std::string prompt = template_;
  if (auto at = prompt.find(kQuestionSlot); at != std::string::npos) prompt.replace(at, kQuestionSlot.size(), question);
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
