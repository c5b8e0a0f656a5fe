#include "curation/dedup/shingles.h"

#include <utf8proc.h>

#include <cstdlib>
#include <string>

#include "common/hashing.h"
#include "common/unicode.h"

namespace mucpt {

namespace {

bool is_cjk(char32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

// Case-folded, accents stripped (NFKD without marks), digits to '0', everything that
// is not a letter or digit to a space; CJK characters are set apart as tokens.
std::string fold(std::string_view text) {
  utf8proc_uint8_t* mapped = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                        &mapped,
                        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                                       UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE));
  std::string_view folded = n >= 0 ? std::string_view(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n)) : text;
  std::string out;
  out.reserve(folded.size());
  auto space = [&] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  size_t i = 0;
  while (i < folded.size()) {
    unsigned char c = static_cast<unsigned char>(folded[i]);
    if (c < 0x80) {
      ++i;
      if (c >= '0' && c <= '9') out += '0';
      else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) out += static_cast<char>(c | 0x20);
      else space();
      continue;
    }
    size_t start = i;
    char32_t cp = next_code_point(folded, i);
    auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (is_cjk(cp)) {
      space();
      out.append(folded, start, i - start);
      out += ' ';
    } else if (category == UTF8PROC_CATEGORY_ND) {
      out += '0';
    } else if (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) {
      out.append(folded, start, i - start);
    } else {
      space();
    }
  }
  if (n >= 0) std::free(mapped);
  return out;
}

}  // namespace

std::vector<uint64_t> shingle_hashes(std::string_view text, int n, uint64_t seed) {
  std::string folded = fold(text);
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    size_t start = i;
    while (i < folded.size() && folded[i] != ' ') ++i;
    if (i > start) tokens.emplace_back(folded.data() + start, i - start);
  }
  std::vector<uint64_t> hashes;
  if (tokens.empty()) return hashes;
  size_t width = std::min(tokens.size(), static_cast<size_t>(n));
  hashes.reserve(tokens.size() - width + 1);
  for (size_t t = 0; t + width <= tokens.size(); ++t) {
    // The tokens are views into one buffer separated by single spaces, so the n-gram
    // is the contiguous span from the first token's start to the last token's end.
    const char* begin = tokens[t].data();
    const char* end = tokens[t + width - 1].data() + tokens[t + width - 1].size();
    hashes.push_back(hash64(std::string_view(begin, static_cast<size_t>(end - begin)), seed));
  }
  return hashes;
}

}  // namespace mucpt
