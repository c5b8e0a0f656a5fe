#pragma once
// Small formatting helpers shared by the renderers.
#include <string>
#include <string_view>
#include <vector>

#include "synth/document.h"
#include "synth/rng.h"

namespace mucpt::synth {

std::string duration(int seconds);                      // "3:45"
const char* ordinal_album_word(int n);                  // 1 -> "debut", 2 -> "second"
std::string count_phrase(int n, const char* singular, const char* plural);  // "three songs"
std::string join_list(const std::vector<std::string>& items, const char* conjunction = "and");
std::string date_in_year(Rng& rng, int year);           // "2019-04-23"
std::string slug(std::string_view s);                   // "The Velvet Lanterns" -> "the-velvet-lanterns"
size_t word_count(std::string_view s);
void trim_trailing_space(std::string& s);
// Adds a space unless the text is empty or already ends with whitespace.
void separate(std::string& s);

}  // namespace mucpt::synth
