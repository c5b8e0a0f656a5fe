#pragma once
// The merge table: (left id, right id) -> (rank, merged id), in one open-addressing
// array. BPE looks up every adjacent pair of a word at each step, so this lookup is
// the inner loop of encoding a word the cache has not seen.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace mucpt {

struct PairMerge {
  int32_t rank;
  int32_t id;  // the merged token
};

class PairRankTable {
 public:
  static constexpr int32_t kNoRank = INT32_MAX;

  void reserve(size_t pairs);
  // A later insert of the same pair replaces the earlier (as Hugging Face's map does).
  void insert(int32_t left, int32_t right, PairMerge merge);

  // {kNoRank, -1} when the pair has no merge.
  PairMerge find(int32_t left, int32_t right) const {
    if (slots_.empty()) return {kNoRank, -1};
    uint64_t key = pack(left, right);
    for (size_t i = slot_of(key);; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.key == key) return slot.merge;
      if (slot.key == kEmpty) return {kNoRank, -1};
    }
  }

  size_t size() const { return size_; }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  struct Slot {
    uint64_t key;
    PairMerge merge;
  };
  static uint64_t pack(int32_t left, int32_t right) { return (uint64_t(uint32_t(left)) << 32) | uint32_t(right); }
  size_t slot_of(uint64_t key) const { return size_t((key * 0x9E3779B97F4A7C15ull) >> shift_); }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  int shift_ = 64;
  size_t size_ = 0;
};

}  // namespace mucpt
