#pragma once
// Pre-tokenizers: split text into the pieces that BPE encodes one by one. Each kind is
// a hand-written scanner that returns exactly the matches of its Hugging Face regex
// (leftmost alternative first, greedy, with the regex's backtracking worked out).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mucpt {

enum class PretokenizerKind {
  none,    // the whole text is one piece
  gpt2,    // GPT-2's ByteLevel regex
  qwen2,   // Qwen2: case-insensitive contractions, one digit per piece, newline runs
  llama3,  // the Qwen2 pattern with up to three digits per piece (Llama 3, cl100k)
};

// The regex a kind implements, as written in tokenizer.json ("" for none).
std::string_view pretokenizer_pattern(PretokenizerKind kind);
// The kind whose regex is exactly `pattern`, if any.
std::optional<PretokenizerKind> pretokenizer_from_pattern(std::string_view pattern);

std::string_view pretokenizer_name(PretokenizerKind kind);
std::optional<PretokenizerKind> pretokenizer_from_name(std::string_view name);

// Appends the end offset of each piece of text to ends (pieces are contiguous and
// cover the text).
void pretokenize(PretokenizerKind kind, std::string_view text, std::vector<size_t>& ends);

void pretokenize_gpt2(std::string_view text, std::vector<size_t>& ends);
// max_digits: 1 for Qwen2, 3 for Llama 3.
void pretokenize_qwen2(std::string_view text, int max_digits, std::vector<size_t>& ends);

}  // namespace mucpt
