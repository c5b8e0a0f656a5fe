#pragma once
// The shingles near-duplicate detection compares: the text is case-folded, accents,
// punctuation and digits are folded, and the token sequence (words, and each CJK
// character on its own) is cut into n-grams, so Chinese text is compared by character
// n-grams and other text by word n-grams.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mucpt {

// The folded text benchmark n-grams are matched in (decontam/): folded as the shingles
// are, but digits kept, so that an answer "1998" is not any four-digit number.
std::string fold_for_matching(std::string_view text);
// The same, with the byte offset in text of the character each folded byte came from.
std::string fold_for_matching(std::string_view text, std::vector<uint32_t>& source_offsets);

// 64-bit hashes of the n-gram shingles of text (one shingle for shorter texts).
std::vector<uint64_t> shingle_hashes(std::string_view text, int n, uint64_t seed);

}  // namespace mucpt
