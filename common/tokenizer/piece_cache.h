#pragma once
// A cache of pre-token -> ids. Natural text repeats a small set of words, so most
// pieces are found here and never reach BPE. Open addressing over one array, keys and
// ids in two arenas; when full it is cleared whole (cheap, and the frequent words come
// straight back).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mucpt {

class PieceCache {
 public:
  // Pieces longer than this are not cached (rare, and they would crowd the arena).
  static constexpr size_t kMaxKeyBytes = 64;

  explicit PieceCache(size_t max_entries = 1 << 17);

  // The ids of key, or false.
  bool find(std::string_view key, uint64_t hash, const int32_t*& ids, uint32_t& count) const;
  void insert(std::string_view key, uint64_t hash, const int32_t* ids, uint32_t count);
  void clear();
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t hash;
    uint32_t key_offset;
    uint32_t ids_offset;
    uint16_t key_len;  // 0 marks an empty slot (empty pieces are never cached)
    uint16_t id_count;
  };
  size_t max_entries_;
  size_t mask_;
  size_t size_ = 0;
  std::vector<Slot> slots_;
  std::string keys_;
  std::vector<int32_t> ids_;
};

}  // namespace mucpt
