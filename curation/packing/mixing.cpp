#include "curation/packing/mixing.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "common/errors.h"
#include "common/hashing.h"

namespace mucpt {

uint32_t document_copies(std::string_view source, std::string_view id, double multiplier, uint64_t seed) {
  // A runaway weight would silently fill the disk: refuse it with the document named.
  if (!std::isfinite(multiplier) || multiplier < 0 || multiplier > 1000)
    throw UserError("document '" + std::string(id) + "' of source '" + std::string(source) + "' has weight product " +
                    std::to_string(multiplier) +
                    " (allowed: 0 to 1000; the source's manifest weight times the document's, which the classifier's "
                    "weight policy sets up to classifier.weight_max)");
  double whole = std::floor(multiplier);
  double fraction = multiplier - whole;
  auto copies = static_cast<uint32_t>(whole);
  if (fraction > 0) {
    // Source and id together: ids are unique within a source, not across sources.
    std::string key;
    key.reserve(source.size() + 1 + id.size());
    key.append(source).push_back('\0');
    key.append(id);
    if (unit_interval_from(key, seed) < fraction) ++copies;
  }
  return copies;
}

}  // namespace mucpt
