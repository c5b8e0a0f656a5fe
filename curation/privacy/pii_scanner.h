#pragma once
// Finds the personal and secret data in a text: one Hyperscan pass over all enabled
// patterns, each candidate confirmed by its row's validator, and overlapping
// confirmations resolved in favour of the longest match.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "curation/privacy/pii_match.h"

namespace mucpt {

class PatternDatabase;

class PiiScanner {
 public:
  // Scans with the given rows of pattern_table(), sharing their compiled database
  // with every other scanner of the same rows in the process.
  PiiScanner(std::vector<uint32_t> rows, ValidationOptions options);
  // Scans with every row whose type is enabled.
  static PiiScanner for_types(const std::array<bool, kPiiTypeCount>& enabled, ValidationOptions options);

  // The matches to mask, sorted by position, their mask spans disjoint and on UTF-8
  // character boundaries. `refused` (when given) counts, per type, the candidates
  // that validators turned down.
  void scan(std::string_view text, std::vector<PiiMatch>& out,
            std::array<uint64_t, kPiiTypeCount>* refused = nullptr) const;

 private:
  std::shared_ptr<const PatternDatabase> database_;
  ValidationOptions options_;
};

// Keeps, longest match first, each candidate whose mask span overlaps none already
// kept: a URL whose password is masked outranks the "password@host" an e-mail
// pattern sees in it, while an address elsewhere in that URL is still masked.
void resolve_overlaps(std::vector<PiiMatch>& candidates);

// Writes text with each match's mask span replaced by the token of its type.
void apply_masks(std::string_view text, const std::vector<PiiMatch>& matches,
                 const std::array<std::string, kPiiTypeCount>& tokens, std::string& out);

}  // namespace mucpt
