#pragma once
// Word n-gram shingles and their Jaccard similarity, the measure the near-duplicate
// truth is stated in: tokens are maximal runs of non-whitespace, ASCII letters are
// lower-cased, and each n-gram is hashed to 64 bits.
#include <cstdint>
#include <string_view>
#include <vector>

namespace mucpt::synth {

// Sorted, unique hashes of the word n-grams of text (one shingle for shorter texts).
std::vector<uint64_t> word_shingles(std::string_view text, int n = 5);
double jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

}  // namespace mucpt::synth
