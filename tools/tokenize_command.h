#pragma once
// The work of the `tokenize` command: lines in, ids (or text) out.
#include <string>

namespace mucpt {

struct TokenizeCommandOptions {
  enum class Mode { jsonl, decode, plain };
  std::string tokenizer;  // tokenizer.json[.gz] or a folder of vocabulary files
  std::string input = "/dev/stdin";
  Mode mode = Mode::plain;
  bool allow_special = true;  // match special tokens written in the text
  bool skip_special = false;  // --decode: leave special tokens out
  bool time = false;          // read everything first, then report encode-only MB/s on stderr
  bool quiet = false;         // no output (with time: a benchmark)
};

// Returns the process exit code; messages go to stderr.
int run_tokenize_command(const TokenizeCommandOptions& options);

}  // namespace mucpt
