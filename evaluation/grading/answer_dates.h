#pragma once
// Dates as answers state them: "March 3, 1999", "3 March 1999", "3rd of March 1999",
// "March 1999", "3 March", "1999-03-03", "03/03/1999" (day and month both ways when
// the numbers allow it). SimpleQA's judge accepts an answer that gives the gold's date
// at the gold's precision: the gold's day, month and year, each one it states.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mucpt {

struct AnswerDate {
  int year = 0, month = 0, day = 0;  // 0: not stated
};

// Every date a text states with a month (a month word beside a day or a year, or a
// numeric date), in order. folded: fold_answer's text; tokens: answer_tokens'.
std::vector<AnswerDate> find_dates(std::string_view folded, const std::vector<std::string>& tokens);

// The date an answer is, when the whole answer is one date with a month ("June 24th,
// 1896.", "1 January 2012", "Feb 2010"); nullopt otherwise.
std::optional<AnswerDate> date_answer(std::string_view answer);

// True when `stated` gives every part `gold` gives, equal.
bool date_matches(const AnswerDate& gold, const AnswerDate& stated);

}  // namespace mucpt
