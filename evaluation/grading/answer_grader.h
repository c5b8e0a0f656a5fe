#pragma once
// Grades a short factual answer against the gold answer and its aliases, as SimpleQA's
// LLM judge does, with rules instead of a judge model: CORRECT when the prediction
// states the gold answer (every number of it, and at least half of its other words
// including the last: "Bruce Hapke" for "Bruce W. Hapke", "three" for "3", "24 June
// 1896" for "June 24th, 1896"), NOT_ATTEMPTED when it says it does not know, otherwise
// INCORRECT. Text is compared folded: case, accents, punctuation, number words,
// thousands separators and ordinal suffixes; CJK answers by their characters in order.
#include <string>
#include <string_view>
#include <vector>

namespace mucpt {

enum class Grade { correct, incorrect, not_attempted };
const char* grade_name(Grade grade);  // "CORRECT", "INCORRECT", "NOT_ATTEMPTED"

// The folded tokens answers are compared by.
std::vector<std::string> answer_tokens(std::string_view text);

// accepted: the gold answer first, then its aliases.
Grade grade_answer(std::string_view predicted, const std::vector<std::string>& accepted);

}  // namespace mucpt
