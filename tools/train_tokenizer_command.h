#pragma once
// The work of the `train-tokenizer` command: count pieces over input files, train a
// byte-level BPE, save it as tokenizer.json.
#include <string>
#include <vector>

#include "common/tokenizer/bpe_trainer.h"

namespace mucpt {

struct TrainTokenizerCommandOptions {
  std::vector<std::string> inputs;  // JSONL (plain, .gz, .zst), or text lines with plain_text
  std::string text_field = "text";
  bool plain_text = false;
  std::string output;
  BpeTrainerOptions trainer;
};

int run_train_tokenizer_command(const TrainTokenizerCommandOptions& options);

}  // namespace mucpt
