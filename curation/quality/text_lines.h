#pragma once
// Lines, the unit of the line-level rules: splitting, trimming, and how a line ends.
#include <cstddef>
#include <string_view>
#include <vector>

namespace mucpt {

// Strips ASCII blanks (space, tab, CR) from both ends.
std::string_view trim_blanks(std::string_view s);

// Every line of the text without its '\n', empty lines included.
void split_lines(std::string_view text, std::vector<std::string_view>& lines);

// Ends in sentence punctuation: . ! ? and closing quotes after them (ASCII and
// typographic), and the CJK full stops 。！？. Trailing blanks are ignored.
bool ends_with_terminal_punct(std::string_view line);

// Ends in "..." or "…" (which C4 does not take as the end of a sentence).
bool ends_with_ellipsis(std::string_view line);

// Sentences in one line, as a sentence splitter counts them: each run of . ! ? (with
// closing quotes) before a space or the line's end, and each CJK stop 。！？, ends one;
// words after the last end are one more. An ellipsis before a lower-case word does not
// end a sentence; "3.5" has no end; a sentence needs a letter, so neither punctuation
// alone nor the "1." that numbers a list item is one.
size_t count_sentences(std::string_view line);

// The line ends at least one sentence (at its end or inside it).
bool holds_sentence_end(std::string_view line);

}  // namespace mucpt
