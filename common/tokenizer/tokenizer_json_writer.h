#pragma once
// Writes a tokenizer as Hugging Face's tokenizer.json, which HF tokenizers,
// transformers and transformers.js load as is. Merges are written as "left right"
// strings, the form every tokenizers version reads (byte-level tokens hold no space).
#include <string>

#include "common/tokenizer/tokenizer.h"

namespace mucpt {

std::string to_tokenizer_json(const Tokenizer& tokenizer);

// Written atomically (temporary name, then rename).
void save_tokenizer_json(const Tokenizer& tokenizer, const std::string& path);

}  // namespace mucpt
