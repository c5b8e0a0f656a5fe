#pragma once
// HTML character references: named (the HTML 4 set, which covers what pages use in
// practice, plus &apos; and the music signs &flat; &natural; &sharp;) and numeric
// (&#233; &#xE9;), decoded as HTML5 does: numbers past U+10FFFF, surrogates and 0
// become U+FFFD, and 128-159 are read as Windows-1252 (&#150; is an en dash).
#include <cstddef>
#include <string>
#include <string_view>

namespace mucpt {

// Decodes the reference starting at s[i] == '&'. Returns its length in bytes and
// sets cp, or returns 0 when no reference starts there (the '&' is then literal).
size_t decode_html_entity(std::string_view s, size_t i, char32_t& cp);

}  // namespace mucpt
