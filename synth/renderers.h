#pragma once
// One renderer per source style. Each turns knowledge-base facts into a document with
// the fields its source carries; the world writer decides which entity, which kind
// and which source.
#include <cstdint>
#include <string>
#include <vector>

#include "synth/document.h"
#include "synth/facts.h"
#include "synth/knowledge_base.h"
#include "synth/pii.h"
#include "synth/rng.h"

namespace mucpt::synth {

struct Question;

// English biography of an artist, ~300-600 words.
Doc render_encyclopedia(const KnowledgeBase& kb, uint32_t artist, const FactOverride& ov, Rng& rng);
// Album review, ~250-500 words; always states the year and the label.
Doc render_review(const KnowledgeBase& kb, uint32_t album, const FactOverride& ov, Rng& rng);
// Informal forum post about an artist, ~80-300 words, carrying the planned PII.
Doc render_forum(const KnowledgeBase& kb, uint32_t artist, const std::vector<PiiPlanner::Item>& pii, Rng& rng);
// Music news item, ~150-350 words, carrying the planned PII.
Doc render_news(const KnowledgeBase& kb, uint32_t artist, const std::vector<PiiPlanner::Item>& pii, Rng& rng);
// Track list: short lines, no terminal punctuation.
Doc render_tracklist(const KnowledgeBase& kb, uint32_t album, const FactOverride& ov, Rng& rng);
// Chinese encyclopedic entry about an artist.
Doc render_encyclopedia_zh(const KnowledgeBase& kb, uint32_t artist, Rng& rng);
// Off-domain text: sports, cooking, finance, weather, gardening, travel, health, home.
Doc render_general(Rng& rng);
// A forum post or news brief that quotes a benchmark question and its answer verbatim.
Doc render_quiz(const Question& q, bool as_news, Rng& rng);
// A short fact sheet about an artist: city, formed, members, albums' years and labels.
Doc render_profile(const KnowledgeBase& kb, uint32_t artist, Rng& rng);
// A sheet of questions with their answers, in evaluate's prompt format.
Doc render_quiz_sheet(const std::vector<const Question*>& questions, Rng& rng);

}  // namespace mucpt::synth
