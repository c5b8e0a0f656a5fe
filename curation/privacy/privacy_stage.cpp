#include "curation/privacy/privacy_stage.h"

#include <limits>
#include <nlohmann/json.hpp>

namespace mucpt {

namespace {

ValidationOptions validation_options(const PrivacyOptions& o) {
  ValidationOptions v;
  v.public_ip_only = o.public_ip_only;
  return v;
}

}  // namespace

PrivacyStage::PrivacyStage(PrivacyOptions options)
    : options_(std::move(options)),
      scanner_(PiiScanner::for_types(options_.enabled, validation_options(options_))) {}

Verdict PrivacyStage::process(Document& doc) {
  // Hyperscan scans at most 4 GiB at once; no line of a corpus comes near that.
  if (doc.text.size() > std::numeric_limits<unsigned>::max()) return Verdict::rejected("too_long_for_privacy");
  scanner_.scan(doc.text, matches_, &refused_);
  if (matches_.empty()) return Verdict::kept();
  for (const PiiMatch& m : matches_) ++masked_[static_cast<size_t>(m.type)];
  apply_masks(doc.text, matches_, options_.tokens, scratch_);
  doc.text.swap(scratch_);
  ++docs_masked_;
  if (options_.max_hits > 0 && matches_.size() > static_cast<uint64_t>(options_.max_hits)) {
    ++docs_too_much_;
    return Verdict::rejected("too_much_pii");
  }
  return Verdict::kept();
}

void PrivacyStage::write_counters(nlohmann::json& out) const {
  out["docs_masked"] = docs_masked_;
  out["docs_too_much_pii"] = docs_too_much_;
  auto& per_type = out["pii"];
  per_type = nlohmann::json::object();
  for (const PiiTypeInfo& t : pii_types()) {
    const size_t i = static_cast<size_t>(t.type);
    if (!options_.enabled[i]) continue;
    per_type[t.name] = {{"masked", masked_[i]}, {"refused", refused_[i]}};
  }
}

}  // namespace mucpt
