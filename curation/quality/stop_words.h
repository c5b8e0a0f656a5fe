#pragma once
// Stop-word lists for the Gopher "has at least a few function words" check: the
// Gopher paper's English list, and for Chinese a small list of function characters
// (structural particles, aspect markers, common prepositions and conjunctions).
#include <cstddef>
#include <string_view>
#include <vector>

#include "curation/quality/word_splitter.h"

namespace mucpt {

enum class StopList { none, english, chinese };

// How many of the list's words the text holds (each counted once, as Gopher counts them;
// English case-insensitively).
size_t count_stop_words(std::string_view text, const std::vector<Token>& tokens, StopList list);

}  // namespace mucpt
