#include "common/tokenizer/piece_cache.h"

#include <cstring>

namespace mucpt {

PieceCache::PieceCache(size_t max_entries) : max_entries_(max_entries) {
  size_t capacity = 16;
  while (capacity < max_entries * 2) capacity *= 2;
  mask_ = capacity - 1;
  slots_.assign(capacity, Slot{0, 0, 0, 0, 0});
}

bool PieceCache::find(std::string_view key, uint64_t hash, const int32_t*& ids, uint32_t& count) const {
  for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
    const Slot& slot = slots_[i];
    if (slot.key_len == 0) return false;
    if (slot.hash == hash && slot.key_len == key.size() &&
        std::memcmp(keys_.data() + slot.key_offset, key.data(), key.size()) == 0) {
      ids = ids_.data() + slot.ids_offset;
      count = slot.id_count;
      return true;
    }
  }
}

void PieceCache::insert(std::string_view key, uint64_t hash, const int32_t* ids, uint32_t count) {
  if (key.empty() || key.size() > kMaxKeyBytes || count > 0xFFFF) return;
  if (size_ >= max_entries_) clear();
  size_t i = hash & mask_;
  while (slots_[i].key_len != 0) i = (i + 1) & mask_;
  slots_[i] = Slot{hash, uint32_t(keys_.size()), uint32_t(ids_.size()), uint16_t(key.size()), uint16_t(count)};
  keys_.append(key.data(), key.size());
  ids_.insert(ids_.end(), ids, ids + count);
  ++size_;
}

void PieceCache::clear() {
  std::fill(slots_.begin(), slots_.end(), Slot{0, 0, 0, 0, 0});
  keys_.clear();
  ids_.clear();
  size_ = 0;
}

}  // namespace mucpt
