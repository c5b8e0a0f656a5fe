#pragma once
// The folded words answers are compared by: case, accents and punctuation removed,
// number words as digits ("three" -> "3"), thousands separators and ordinal suffixes
// dropped ("97,686" -> "97686", "24th" -> "24"), leading zeros dropped ("04" -> "4"),
// month abbreviations and a few European month names spelled as English months
// ("Feb", "Februar" -> "february"); CJK characters one token each. A minus sign stays
// on its number ("-5", not in "1990-95"), and "second" after a number is the unit.
#include <string>
#include <string_view>
#include <vector>

namespace mucpt {

// Case-folded compatibility decomposition without combining marks; text that is not
// valid UTF-8 is returned as given.
std::string fold_answer(std::string_view text);

std::vector<std::string> answer_tokens(std::string_view text);

struct TokenMarks {
  bool capital = false;      // starts with a capital letter in the text
  bool after_space = false;  // only spaces or hyphens part it from the token before
};
// For each of answer_tokens(text), how it is written.
std::vector<TokenMarks> token_marks(std::string_view text);

// "1999", "3.5": digits with at most one decimal point.
bool is_number_token(const std::string& token);
bool has_cjk(const std::string& token);

// 1-12 for a month token ("march"), 0 otherwise.
int month_number(const std::string& token);

}  // namespace mucpt
