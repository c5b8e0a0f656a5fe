#pragma once
// Phrases that say how an answer commits: that it declines ("I don't know", "is not
// documented"), that it guesses anyway ("not sure, but I think..."), or that it offers
// alternatives ("either X or Y", "X or possibly Y").
#include <string>
#include <vector>

namespace mucpt {

enum class Unanswered { no, declined, guessed };

// folded: fold_answer's text of an answer that states no gold answer.
Unanswered unanswered_kind(const std::string& folded);

// tokens: answer_tokens' of one clause.
bool offers_alternatives(const std::vector<std::string>& tokens);

}  // namespace mucpt
