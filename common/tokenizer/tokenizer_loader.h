#pragma once
// Loading a tokenizer from Hugging Face files. Supported: byte-level BPE with the
// GPT-2, Qwen2 or Llama 3 split, an optional NFC normaliser, and added tokens. Anything
// else (another model type or normaliser, an unknown split pattern) is refused with
// a message rather than encoded differently.
#include <optional>
#include <string>
#include <string_view>

#include "common/tokenizer/tokenizer.h"

namespace mucpt {

// A tokenizer.json (plain, .gz or .zst), or a folder that holds one, or vocab.json +
// merges.txt (with tokenizer_config.json when present), or GPT-2's encoder.json +
// vocab.bpe. Throws std::runtime_error with the path on failure.
Tokenizer load_tokenizer(const std::string& path);

Tokenizer load_tokenizer_json(const std::string& path);
Tokenizer parse_tokenizer_json(std::string_view json);

// vocab.json + merges.txt. The split and normaliser follow tokenizer_config.json's
// tokenizer_class (Qwen2: the Qwen2 split with NFC; otherwise GPT-2's) unless
// `pretokenizer` is given. Its added_tokens_decoder gives the added tokens;
// <|endoftext|> is always a special token (given the next free id when the
// vocabulary lacks it), as in Hugging Face's GPT-2 and Qwen2 tokenizers.
Tokenizer load_vocab_and_merges(const std::string& vocab_path, const std::string& merges_path,
                                const std::string& config_path = "",
                                std::optional<PretokenizerKind> pretokenizer = std::nullopt);

// A token's id as a tokenizer file gives it (`text`: its JSON). Ids index tables of the
// vocabulary's size: a negative, fractional or huge one (a typo, or one that would wrap
// past 32 bits) throws std::runtime_error naming the token.
int32_t token_id_from_json(std::string_view text, std::string_view token);

// The whole content of a plain, .gz or .zst text file.
std::string read_text_file(const std::string& path);

}  // namespace mucpt
