#pragma once
// The one text form a domain classifier sees, at training and at scoring time alike:
// lower case, punctuation and symbols split off as tokens, each CJK character a token
// of its own (fastText splits on spaces only), all on one line.
#include <string>
#include <string_view>

namespace mucpt {

std::string classifier_text(std::string_view text);

}  // namespace mucpt
