#pragma once
// One confirmed occurrence of personal or secret data in a text, and the signature of
// the validators that confirm (and may trim or extend) a pattern's raw match.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "curation/privacy/checksums.h"
#include "curation/privacy/pii_type.h"

namespace mucpt {

struct PiiMatch {
  PiiType type = PiiType::email;
  uint32_t row = 0;  // index in pattern_table()
  // Byte offsets into the text. [start, end) is everything the pattern and validator
  // recognised (a whole URL, "Bearer <token>") and decides overlaps; [mask_start,
  // mask_end) is the part replaced by the type's token (the password, the token).
  size_t start = 0, end = 0;
  size_t mask_start = 0, mask_end = 0;
};

struct ValidationOptions {
  bool public_ip_only = false;
  int current_year = current_utc_year();  // latest plausible birth year in a resident ID
};

// Confirms a raw match [m.start, m.end) in text, setting the mask span and possibly
// moving the match bounds (trimming punctuation, extending a token past the pattern's
// fixed length). Returns false to refuse the candidate.
using Validator = bool (*)(std::string_view text, PiiMatch& m, const ValidationOptions& options);

}  // namespace mucpt
