#pragma once
// Phrases that say how an answer commits: that it declines ("I don't know", "is not
// documented"), that it guesses anyway ("not sure, but I think..."), or that it offers
// alternatives ("either X or Y", "X or possibly Y", "X or Y").
#include <string>
#include <vector>

#include "evaluation/grading/answer_tokens.h"

namespace mucpt {

enum class Unanswered { no, declined, guessed };

// folded: fold_answer's text of an answer that states no gold answer.
Unanswered unanswered_kind(const std::string& folded);

// One clause that states the gold (tokens and marks: answer_tokens' and token_marks';
// gold_tokens: the gold's) offers it among other candidates: "or" with "either" or a
// hedge ("possibly") anywhere in it, "or" between the gold and another number or name
// ("Mozart or Haydn", "5 or 6"; not "also known as X or Y", nor a gold that says "or"),
// or a hedge before another one ("Paris, but possibly Lyon").
bool offers_alternatives(const std::vector<std::string>& tokens, const std::vector<TokenMarks>& marks,
                         const std::vector<std::string>& gold_tokens);

}  // namespace mucpt
