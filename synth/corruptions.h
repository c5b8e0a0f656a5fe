#pragma once
// Corrupted facts: a document that states a wrong value for one fact (a year shifted
// by a few years, another label, another city) while the metadata keeps the truth.
#include <cstdint>
#include <string>

#include "synth/facts.h"
#include "synth/knowledge_base.h"
#include "synth/rng.h"

namespace mucpt::synth {

struct FactCorruption {
  std::string field;  // "formed", "city" (artists); "year", "label" (albums)
  std::string true_value;
  std::string written_value;
  FactOverride override;
};

FactCorruption corrupt_artist_fact(const KnowledgeBase& kb, uint32_t artist, Rng& rng);
FactCorruption corrupt_album_fact(const KnowledgeBase& kb, uint32_t album, Rng& rng);

}  // namespace mucpt::synth
