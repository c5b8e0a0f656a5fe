#pragma once
// Near-duplicate copies: a few words substituted, inserted or deleted, sometimes a
// sentence dropped, whitespace and letter case changed. Planted PII is never edited,
// and its spans are moved to where it lands in the copy.
#include "synth/document.h"
#include "synth/rng.h"

namespace mucpt::synth {

// heavy copies take several times more edits (most fall below Jaccard 0.8).
Doc make_near_duplicate(const Doc& original, bool heavy, Rng& rng);

}  // namespace mucpt::synth
