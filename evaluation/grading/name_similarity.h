#pragma once
// Spelling slips in names: SimpleQA's judge does not punish a typo in a name that is
// clearly the same name ("Hyoong Won Choong" for "Hyung Won Chung"). Two folded words
// are the same name word when they start alike and differ by one edit (a letter added,
// dropped, changed, or two swapped) or, for words of eight letters or more, by two.
#include <string>

namespace mucpt {

bool same_name_word(const std::string& gold, const std::string& stated);

}  // namespace mucpt
