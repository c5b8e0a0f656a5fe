#pragma once
// The prompt for a benchmark item: the question in the prompt template ({question}
// replaced), after k worked examples (each example's question through the same template,
// then " " and its gold answer, as lm-evaluation-harness joins them; examples and the
// question separated by a blank line), all of it wrapped as one user message by the chat
// template when one is given.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/benchmark/benchmark.h"
#include "evaluation/generation/chat_template.h"

namespace mucpt {

// `--prompt` text as typed on a command line: the escapes \n, \t and \\ are read as in
// `--stop`. Throws ConfigError on another escape.
std::string unescape_prompt(const std::string& text);

class PromptBuilder {
 public:
  // prompt_template: holds {question} (ConfigError if not); fewshot_pool: the items
  // examples are drawn from (kept by the builder); fewshot: how many each prompt gets.
  PromptBuilder(std::string prompt_template, std::vector<BenchmarkItem> fewshot_pool = {}, int fewshot = 0,
                uint64_t fewshot_seed = 0, std::optional<ChatTemplate> chat = std::nullopt);

  std::string question_prompt(const std::string& question) const;  // the template alone
  std::string prompt_for(const BenchmarkItem& item) const;

 private:
  std::string template_;
  std::vector<BenchmarkItem> pool_;
  int fewshot_;
  uint64_t seed_;
  std::optional<ChatTemplate> chat_;
};

}  // namespace mucpt
