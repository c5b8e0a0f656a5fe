#pragma once
// Spam: keyword stuffing, repeated promotional lines, "buy cheap tickets now!!!"
// lists and lorem ipsum. Music words appear on purpose, so only quality filters (not
// the domain classifier) can catch it.
#include "synth/document.h"
#include "synth/knowledge_base.h"
#include "synth/rng.h"

namespace mucpt::synth {

Doc render_spam(const KnowledgeBase& kb, Rng& rng);

}  // namespace mucpt::synth
