#include "synth/shingles.h"

#include <algorithm>

namespace mucpt::synth {

namespace {
bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
}
}  // namespace

std::vector<uint64_t> word_shingles(std::string_view text, int n) {
  std::vector<uint64_t> tokens;
  tokens.reserve(text.size() / 5);
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (i == text.size()) break;
    uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
    while (i < text.size() && !is_space(text[i])) {
      char c = text[i++];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    }
    tokens.push_back(h);
  }
  std::vector<uint64_t> out;
  const size_t width = std::min<size_t>(static_cast<size_t>(n), tokens.size());
  if (width == 0) return out;
  out.reserve(tokens.size() - width + 1);
  // A rolling polynomial hash over the window, mixed once per shingle.
  constexpr uint64_t kBase = 0x9E3779B97F4A7C15ULL;
  uint64_t top = 1;  // kBase^(width-1)
  for (size_t k = 1; k < width; ++k) top *= kBase;
  uint64_t h = 0;
  for (size_t k = 0; k < width; ++k) h = h * kBase + tokens[k];
  out.push_back(mix(h));
  for (size_t s = width; s < tokens.size(); ++s) {
    h = (h - tokens[s - width] * top) * kBase + tokens[s];
    out.push_back(mix(h));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  if (a.empty() && b.empty()) return 1.0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace mucpt::synth
