#pragma once
// Numbers as answers state them, with their unit and their precision. SimpleQA's judge
// takes a number as correct when it matches the gold to the gold's last significant
// figure: for gold "120k", "115k" and "124k" are correct, "113k" is not; for gold "3.5",
// "3.52" is correct. A unit, when both the gold and the answer name one, must be the
// same however spelled ("120 km", "120 kilometres"). A year ("1999") and a count ("3")
// are exact; a decade ("1990s") is met by itself or a year in it.
#include <optional>
#include <string>
#include <vector>

namespace mucpt {

struct StatedNumber {
  double value = 0;
  double step = 1;     // the place of the last significant figure: 0.01 for "3.52", 1000 for "414,000"
  std::string unit;    // canonical ("m", "km", "ft", "%"...); "" when none is recognised
  bool exact = false;  // a year or a count ("1999", "3"): only the same number meets it
  double span = 0;     // "1990s": 10 years from `value` ("1800s": 100); 0 for one number
};

// The canonical name of a unit word ("metres" -> "m"); "" for any other word.
std::string unit_of(const std::string& word);
// The unit that tokens[k] is where it stands: unit_of's, and inches for an "in" that
// ends a length ("5 ft 10 in", not "3 in 1990").
std::string unit_at(const std::vector<std::string>& tokens, size_t k);

// Every number in a token sequence (answer_tokens'), with the unit or multiplier that
// follows it ("120 km", "170cc", "1.5 million", "120k").
std::vector<StatedNumber> find_numbers(const std::vector<std::string>& tokens);

// The number an answer is, when the answer is one number with at most a unit or two
// words ("97,686", "1,667 ft", "89 minutes", "15th place"); nullopt otherwise.
std::optional<StatedNumber> number_answer(const std::vector<std::string>& tokens);

// `stated` rounds to `gold` at the gold's last significant figure, or (an answer
// rounder than the gold, "1.5" for "1.47") the gold rounds to `stated` at the answer's.
bool number_matches(const StatedNumber& gold, const StatedNumber& stated);

}  // namespace mucpt
