#pragma once
// Every pattern the privacy stage searches for, in one table: type, Hyperscan
// regex, the validator that confirms its candidates, and examples that must and must
// not be masked (each example is a unit test).
#include <string>
#include <vector>

#include "curation/privacy/pii_match.h"

namespace mucpt {

struct PatternRow {
  PiiType type;
  const char* regex;  // Hyperscan syntax, compiled with start-of-match (SOM_LEFTMOST)
  Validator validator;
  // Examples to mask. Within an example, «...» marks the part that is masked when it
  // is not the whole example; everything else must stay as it is.
  std::vector<std::string> masked;
  // Examples in which nothing of this row's type may be masked.
  std::vector<std::string> untouched;
  // Set when `regex` does not match exactly the value: it starts inside it (at the
  // end of an e-mail's local part) or before it (on the character before a '+'),
  // and the validator moves the start. The value alone as one regex, for engines
  // without validators, such as the benchmark peers.
  const char* whole_value_regex = nullptr;
};

// Row order breaks ties between equally long matches of different rows.
const std::vector<PatternRow>& pattern_table();

}  // namespace mucpt
