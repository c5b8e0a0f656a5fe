#pragma once
// Word lists that fill the free slots of sentence templates ("{sound_adj}"), so that
// documents built from the same templates still differ in most of their word n-grams.
#include <string_view>
#include <vector>

#include "synth/rng.h"

namespace mucpt::synth {

// The list named key; throws std::logic_error for an unknown name (a template bug).
const std::vector<std::string_view>& vocabulary(std::string_view key);
// A random word from the list named key.
std::string_view vocabulary_word(std::string_view key, Rng& rng);

}  // namespace mucpt::synth
