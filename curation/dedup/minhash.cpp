#include "curation/dedup/minhash.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/hashing.h"

namespace mucpt {

namespace {
uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
}  // namespace

MinHasher::MinHasher(int bands, int rows, uint64_t seed) : bands_(bands), rows_(rows), seed_(seed) {
  uint64_t state = seed ^ 0x6D696E68617368ULL;
  for (int i = 0; i < bands * rows; ++i) {
    // Odd multipliers make each a*x+b a permutation of the 64-bit values.
    multipliers_.push_back(splitmix64(state) | 1);
    offsets_.push_back(splitmix64(state));
  }
}

void MinHasher::signature(const std::vector<uint64_t>& shingles, std::vector<uint64_t>& signature) const {
  const size_t n = multipliers_.size();
  signature.assign(n, std::numeric_limits<uint64_t>::max());
  const uint64_t* a = multipliers_.data();
  const uint64_t* b = offsets_.data();
  uint64_t* sig = signature.data();
  for (uint64_t h : shingles) {
    for (size_t i = 0; i < n; ++i) sig[i] = std::min(sig[i], a[i] * h + b[i]);
  }
}

uint64_t MinHasher::band_key(const std::vector<uint64_t>& signature, int band) const {
  const uint64_t key = XXH3_64bits_withSeed(signature.data() + static_cast<size_t>(band) * static_cast<size_t>(rows_),
                                            static_cast<size_t>(rows_) * sizeof(uint64_t),
                                            seed_ + static_cast<uint64_t>(band));
  return key == kNoBandKey ? kNoBandKey + 1 : key;
}

uint8_t MinHasher::digest(uint64_t minimum) { return static_cast<uint8_t>((minimum * 0x9E3779B97F4A7C15ULL) >> 56); }

double estimate_jaccard(const uint8_t* a, const uint8_t* b, int n) {
  int equal = 0;
  for (int i = 0; i < n; ++i) equal += a[i] == b[i];
  double share = static_cast<double>(equal) / n;
  return std::max(0.0, (share - 1.0 / 256) / (1.0 - 1.0 / 256));
}

double lsh_catch_probability(double s, int bands, int rows) {
  return 1.0 - std::pow(1.0 - std::pow(s, rows), bands);
}

}  // namespace mucpt
