#pragma once
// MinHash signatures for LSH: `bands` x `rows` 64-bit minima over the shingle hashes,
// one seed shared by every rank. A band key hashes one band's rows (documents that
// share any band key are candidates); a one-byte digest of each minimum (b-bit
// MinHash) is kept to estimate the Jaccard similarity of a candidate pair cheaply.
#include <cstdint>
#include <vector>

namespace mucpt {

// The band key of a document without shingles (a text with no letter or digit): its
// signature is all ones, the same for every such text, so it takes no band and is no
// document's near duplicate (exact dedup still finds identical copies). band_key()
// never returns it.
constexpr uint64_t kNoBandKey = 0;

class MinHasher {
 public:
  MinHasher(int bands, int rows, uint64_t seed);
  int bands() const { return bands_; }
  int rows() const { return rows_; }
  int permutations() const { return bands_ * rows_; }

  // signature gets permutations() minima (all ones when there are no shingles).
  void signature(const std::vector<uint64_t>& shingles, std::vector<uint64_t>& signature) const;
  uint64_t band_key(const std::vector<uint64_t>& signature, int band) const;
  static uint8_t digest(uint64_t minimum);

 private:
  int bands_, rows_;
  uint64_t seed_;
  std::vector<uint64_t> multipliers_, offsets_;
};

// The Jaccard estimate from two digest rows: the share of equal bytes, corrected for
// the 1/256 chance that two different minima share a digest.
double estimate_jaccard(const uint8_t* a, const uint8_t* b, int n);

// The probability that a pair of Jaccard similarity s shares at least one band.
double lsh_catch_probability(double s, int bands, int rows);

}  // namespace mucpt
