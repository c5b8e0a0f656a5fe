#pragma once
// Measures a stage keeps on the document (Document::measured) so that `curate decide`
// need not measure again: per stage, one entry named after the stage whose number is a
// key, then the stage's values (unnamed, in the stage's order). The key hashes the text
// measured and the options the measures depend on, so a later run takes stored values
// only for the same text measured the same way; otherwise the stage measures and
// replaces its entry. The run writes every document's entries to measured/ (see
// curation/decide/measure_record.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/document.h"

namespace mucpt {

// The key of a measurement of `text`; `how` hashes whatever else the measures depend
// on. 53 bits, so that it is exact as a JSON number.
uint64_t measure_key(std::string_view text, uint64_t how);

// The `count` values stored after the stage's entry for this key, or null.
const Score* find_measures(const Document& doc, std::string_view stage, uint64_t key, size_t count);

// The `count` values stored after the stage's entry, whatever their key, or null: for
// deciding on a document whose text is known to be the one measured.
const Score* stored_measures(const Document& doc, std::string_view stage, size_t count);

// Makes the stage's entry hold this key and `count` values, replacing an earlier entry
// of the stage, and returns the values for the stage to fill.
Score* store_measures(Document& doc, std::string_view stage, uint64_t key, size_t count);

}  // namespace mucpt
