#include "curation/dedup/shingles.h"

#include <utf8proc.h>

#include <string>

#include "common/hashing.h"
#include "common/unicode.h"

namespace mucpt {

namespace {

// Case-folded, accents stripped (compatibility decomposition without marks), digits to
// '0' when fold_digits, everything that is not a letter or digit to a space; CJK
// characters are set apart as tokens. ASCII, the common case, never leaves this loop.
std::string fold_text(std::string_view text, bool fold_digits, std::vector<uint32_t>* offsets = nullptr) {
  std::string out;
  out.reserve(text.size());
  size_t from = 0;  // source offset of the code point being folded
  // Every folded byte written since the last call came from the code point at `from`.
  auto note = [&] {
    if (offsets) offsets->resize(out.size(), static_cast<uint32_t>(from));
  };
  auto space = [&] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  auto add = [&](char32_t cp) {
    auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (is_cjk(cp)) {
      space();
      append_utf8(out, cp);
      out += ' ';
    } else if (category == UTF8PROC_CATEGORY_ND) {
      if (fold_digits) out += '0';
      else append_utf8(out, cp);
    } else if (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) {
      append_utf8(out, cp);
    } else {
      space();
    }
  };
  constexpr auto options = static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                                          UTF8PROC_IGNORE);
  utf8proc_int32_t parts[16];
  size_t i = 0;
  while (i < text.size()) {
    from = i;
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      if (c >= '0' && c <= '9') out += fold_digits ? '0' : static_cast<char>(c);
      else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) out += static_cast<char>(c | 0x20);
      else space();
      note();
      continue;
    }
    char32_t cp = next_code_point(text, i);
    int last_boundclass = 0;
    auto n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), parts, 16, options, &last_boundclass);
    if (n < 0 || n > 16) {
      add(cp);
      note();
      continue;
    }
    for (utf8proc_ssize_t k = 0; k < n; ++k) {
      char32_t part = static_cast<char32_t>(parts[k]);
      if (part < 0x80) {
        char a = static_cast<char>(part);
        if (a >= '0' && a <= '9') out += fold_digits ? '0' : a;
        else if ((a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z')) out += static_cast<char>(a | 0x20);
        else space();
      } else {
        add(part);
      }
    }
    note();
  }
  return out;
}

}  // namespace

std::string fold_for_matching(std::string_view text) { return fold_text(text, false); }

std::string fold_for_matching(std::string_view text, std::vector<uint32_t>& source_offsets) {
  source_offsets.clear();
  return fold_text(text, false, &source_offsets);
}

std::vector<uint64_t> shingle_hashes(std::string_view text, int n, uint64_t seed) {
  std::string folded = fold_text(text, true);
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
