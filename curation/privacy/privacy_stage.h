#pragma once
// Masks personal and secret data (e-mail addresses, phone numbers, IP addresses, card
// numbers, resident IDs, credentials, keys and tokens) with typed tokens such as
// <|EMAIL|>, and rejects documents that carry more than privacy.max_hits of them
// (masked first, so rejects/ holds no more of it than the output does).
#include <array>
#include <string>
#include <vector>

#include "curation/privacy/pii_scanner.h"
#include "curation/privacy/privacy_options.h"
#include "curation/stage.h"

namespace mucpt {

class PrivacyStage : public Stage {
 public:
  explicit PrivacyStage(PrivacyOptions options);
  const char* name() const override { return "privacy"; }
  Verdict process(Document& doc) override;
  // {"docs_masked", "docs_too_much_pii", "pii": {<type>: {"masked", "refused"}}}
  void write_counters(nlohmann::json& out) const override;

  // The matches of the last document processed, in offsets of its text before masking.
  const std::vector<PiiMatch>& last_matches() const { return matches_; }

 private:
  PrivacyOptions options_;
  PiiScanner scanner_;
  std::vector<PiiMatch> matches_;
  std::string scratch_;
  uint64_t docs_masked_ = 0, docs_too_much_ = 0;
  std::array<uint64_t, kPiiTypeCount> masked_{}, refused_{};
};

}  // namespace mucpt
