#pragma once
// Counts 64-bit keys (hashes of lines, paragraphs, n-grams) in an open-addressing table
// that is reused from count to count: a generation number marks the live entries, so
// emptying the table costs nothing and counting allocates nothing once warm.
// Keys are hashes: two different n-grams sharing a 64-bit hash is the only error.
#include <algorithm>
#include <cstdint>
#include <vector>

namespace mucpt {

class HashCounter {
 public:
  struct Entry {
    uint64_t key = 0;
    uint32_t count = 0;
    uint32_t first = 0;       // position of the first occurrence
    uint32_t generation = 0;  // live when equal to the table's
  };

  // Empties the table and sizes it for about `expected` distinct keys (a guess: it grows
  // past it).
  void reset(size_t expected) {
    size_t capacity = 16;
    while (capacity < 2 * expected) capacity *= 2;
    if (slots_.size() < capacity || ++generation_ == 0) {
      slots_.assign(std::max(capacity, slots_.size()), Entry{});
      generation_ = 1;
    }
    mask_ = capacity - 1;
    live_ = 0;
  }

  // Adds one occurrence of key, first seen at `position`; returns its entry (count 1:
  // the key is new), valid until the next add.
  const Entry& add(uint64_t key, uint32_t position) {
    size_t i = slot_of(key);
    if (slots_[i].generation != generation_) {
      // At most half full: a full table would have no free slot to stop the probe at.
      if (2 * (live_ + 1) > mask_ + 1) {
        grow();
        i = slot_of(key);
      }
      slots_[i] = Entry{key, 0, position, generation_};
      ++live_;
    }
    ++slots_[i].count;
    return slots_[i];
  }

 private:
  size_t slot_of(uint64_t key) const {
    size_t i = (key ^ (key >> 29)) & mask_;
    while (slots_[i].generation == generation_ && slots_[i].key != key) i = (i + 1) & mask_;
    return i;
  }

  void grow() {
    std::vector<Entry> live;
    live.reserve(live_);
    for (size_t i = 0; i <= mask_; ++i)
      if (slots_[i].generation == generation_) live.push_back(slots_[i]);
    const size_t capacity = 2 * (mask_ + 1);
    slots_.assign(std::max(capacity, slots_.size()), Entry{});
    mask_ = capacity - 1;
    for (const Entry& e : live) slots_[slot_of(e.key)] = e;
  }

  std::vector<Entry> slots_;
  size_t mask_ = 0;
  size_t live_ = 0;
  uint32_t generation_ = 0;
};

}  // namespace mucpt
