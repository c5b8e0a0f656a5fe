#pragma once
// Metadata files, one per source whose documents are about entities: records keyed by
// "entity_id" with the true facts (corrupted documents disagree with them).
#include <string>

#include "synth/knowledge_base.h"

namespace mucpt::synth {

// Writes DIR/metadata/<source>.jsonl for every source with an entity kind.
void write_metadata(const KnowledgeBase& kb, const std::string& dir);

}  // namespace mucpt::synth
