#pragma once
// Fast non-cryptographic hashing (xxHash): 64-bit with a seed, 128-bit for content
// identity.
#include <xxhash.h>

#include <cstdint>
#include <string_view>

namespace mucpt {

inline uint64_t hash64(std::string_view s, uint64_t seed = 0) { return XXH3_64bits_withSeed(s.data(), s.size(), seed); }

// Hashes of option values (their exact bits), chained by the seed.
inline uint64_t hash64(double value, uint64_t seed) { return XXH3_64bits_withSeed(&value, sizeof value, seed); }
inline uint64_t hash64(int64_t value, uint64_t seed) { return XXH3_64bits_withSeed(&value, sizeof value, seed); }

struct Hash128 {
  uint64_t low = 0, high = 0;
  bool operator==(const Hash128& o) const { return low == o.low && high == o.high; }
  bool operator<(const Hash128& o) const { return high != o.high ? high < o.high : low < o.low; }
};

inline Hash128 hash128(std::string_view s) {
  XXH128_hash_t h = XXH3_128bits(s.data(), s.size());
  return {h.low64, h.high64};
}

// A deterministic value in [0, 1) from a key: the same on every rank and every run.
inline double unit_interval_from(std::string_view key, uint64_t seed) {
  return static_cast<double>(hash64(key, seed) >> 11) * (1.0 / 9007199254740992.0);
}

}  // namespace mucpt
