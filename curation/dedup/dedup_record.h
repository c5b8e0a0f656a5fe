#pragma once
// What the streaming phase keeps of each document for the global de-duplication:
// a fixed-size binary record per kept document, in output order, one file per work
// unit. Nothing of the text is kept beyond its hashes.
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "common/hashing.h"
#include "curation/work_plan.h"

namespace mucpt {

// Whether T is exactly its members, with no padding: a record written to disk or sent
// to other ranks as raw bytes would carry unset memory in its padding, and differ run to
// run. (std::has_unique_object_representations says the same only of types with no
// float or double.)
template <class T, class... Members>
constexpr bool made_of = sizeof(T) == (sizeof(Members) + ...);

// Which copy survives: the higher `first`, then the higher `second`, then the lower
// global document id (source file and line), so the choice never depends on ranks.
struct KeeperKey {
  double first = 0, second = 0;
  uint64_t gid = 0;
  bool operator<(const KeeperKey& o) const {
    if (first != o.first) return first > o.first;
    if (second != o.second) return second > o.second;
    return gid < o.gid;
  }
  bool operator==(const KeeperKey& o) const { return gid == o.gid; }
};
static_assert(made_of<KeeperKey, double, double, uint64_t>, "written into the signature records as is");
static_assert(std::has_unique_object_representations_v<Hash128>, "written into the signature records as is");


// The layout of one record: key, ordinal in the unit's output, exact hash, band keys,
// one digest byte per permutation.
struct RecordLayout {
  int bands, permutations;
  size_t size() const { return sizeof(KeeperKey) + 8 + 16 + 8 * static_cast<size_t>(bands) + static_cast<size_t>(permutations); }
  size_t key_at() const { return 0; }
  size_t ordinal_at() const { return sizeof(KeeperKey); }
  size_t exact_at() const { return sizeof(KeeperKey) + 8; }
  size_t band_at(int b) const { return exact_at() + 16 + 8 * static_cast<size_t>(b); }
  size_t digest_at() const { return band_at(bands); }
};

// A read-only view of one record in a buffer.
class RecordView {
 public:
  RecordView(const char* p, const RecordLayout& layout) : p_(p), layout_(layout) {}
  KeeperKey key() const { KeeperKey k; std::memcpy(&k, p_, sizeof k); return k; }
  uint64_t ordinal() const { return load64(layout_.ordinal_at()); }
  Hash128 exact() const { return {load64(layout_.exact_at()), load64(layout_.exact_at() + 8)}; }
  uint64_t band(int b) const { return load64(layout_.band_at(b)); }
  const uint8_t* digests() const { return reinterpret_cast<const uint8_t*>(p_ + layout_.digest_at()); }

 private:
  uint64_t load64(size_t at) const { uint64_t v; std::memcpy(&v, p_ + at, 8); return v; }
  const char* p_;
  const RecordLayout& layout_;
};

std::string encode_record(const RecordLayout& layout, const KeeperKey& key, uint64_t ordinal, const Hash128& exact,
                          const std::vector<uint64_t>& band_keys, const std::vector<uint8_t>& digests);

}  // namespace mucpt
