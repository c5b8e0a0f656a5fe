#include "common/tokenizer/pretokenizer.h"

namespace mucpt {

namespace {
constexpr std::string_view kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
constexpr std::string_view kQwen2Pattern =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
constexpr std::string_view kLlama3Pattern =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
}  // namespace

std::string_view pretokenizer_pattern(PretokenizerKind kind) {
  switch (kind) {
    case PretokenizerKind::gpt2: return kGpt2Pattern;
    case PretokenizerKind::qwen2: return kQwen2Pattern;
    case PretokenizerKind::llama3: return kLlama3Pattern;
    case PretokenizerKind::none: break;
  }
  return {};
}

std::optional<PretokenizerKind> pretokenizer_from_pattern(std::string_view pattern) {
  for (auto kind : {PretokenizerKind::gpt2, PretokenizerKind::qwen2, PretokenizerKind::llama3})
    if (pattern == pretokenizer_pattern(kind)) return kind;
  return std::nullopt;
}

std::string_view pretokenizer_name(PretokenizerKind kind) {
  switch (kind) {
    case PretokenizerKind::gpt2: return "gpt2";
    case PretokenizerKind::qwen2: return "qwen2";
    case PretokenizerKind::llama3: return "llama3";
    case PretokenizerKind::none: break;
  }
  return "none";
}

std::optional<PretokenizerKind> pretokenizer_from_name(std::string_view name) {
  for (auto kind : {PretokenizerKind::none, PretokenizerKind::gpt2, PretokenizerKind::qwen2, PretokenizerKind::llama3})
    if (name == pretokenizer_name(kind)) return kind;
  return std::nullopt;
}

void pretokenize(PretokenizerKind kind, std::string_view text, std::vector<size_t>& ends) {
  switch (kind) {
    case PretokenizerKind::gpt2: pretokenize_gpt2(text, ends); return;
    case PretokenizerKind::qwen2: pretokenize_qwen2(text, 1, ends); return;
    case PretokenizerKind::llama3: pretokenize_qwen2(text, 3, ends); return;
    case PretokenizerKind::none:
      if (!text.empty()) ends.push_back(text.size());
      return;
  }
}

}  // namespace mucpt
