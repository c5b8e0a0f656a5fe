#include "common/tokenizer/pair_rank_table.h"

namespace mucpt {

void PairRankTable::reserve(size_t pairs) {
  size_t capacity = 16;
  while (capacity < pairs * 2) capacity *= 2;  // load factor at most 1/2
  if (capacity <= slots_.size()) return;
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(capacity, Slot{kEmpty, {kNoRank, -1}});
  mask_ = capacity - 1;
  shift_ = 64;
  for (size_t c = capacity; c > 1; c >>= 1) --shift_;
  size_ = 0;
  for (const Slot& slot : old)
    if (slot.key != kEmpty) insert(int32_t(slot.key >> 32), int32_t(uint32_t(slot.key)), slot.merge);
}

void PairRankTable::insert(int32_t left, int32_t right, PairMerge merge) {
  if ((size_ + 1) * 2 > slots_.size()) reserve(size_ + 1);
  uint64_t key = pack(left, right);
  for (size_t i = slot_of(key);; i = (i + 1) & mask_) {
    Slot& slot = slots_[i];
    if (slot.key == key) {
      slot.merge = merge;
      return;
    }
    if (slot.key == kEmpty) {
      slot = Slot{key, merge};
      ++size_;
      return;
    }
  }
}

}  // namespace mucpt
