#include "curation/dedup/dedup_record.h"

namespace mucpt {

std::string encode_record(const RecordLayout& layout, const KeeperKey& key, uint64_t ordinal, const Hash128& exact,
                          const std::vector<uint64_t>& band_keys, const std::vector<uint8_t>& digests) {
  std::string out(layout.size(), '\0');
  std::memcpy(out.data() + layout.key_at(), &key, sizeof key);
  std::memcpy(out.data() + layout.ordinal_at(), &ordinal, 8);
  std::memcpy(out.data() + layout.exact_at(), &exact.low, 8);
  std::memcpy(out.data() + layout.exact_at() + 8, &exact.high, 8);
  std::memcpy(out.data() + layout.band_at(0), band_keys.data(), 8 * band_keys.size());
  std::memcpy(out.data() + layout.digest_at(), digests.data(), digests.size());
  return out;
}

}  // namespace mucpt
