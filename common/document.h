#pragma once
// One document as it moves through curation.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mucpt {

// A score kept on the document: a number, or a label (such as a language code).
struct Score {
  std::string name;
  double number = 0.0;
  std::string label;  // non-empty for labelled scores
};

struct Document {
  std::string id;
  std::string source;      // manifest source name
  std::string text;
  std::string meta_json;   // every other input field, as one JSON object ("{}" when none)
  std::vector<Score> scores;
  double weight = 1.0;
  // What stages measured, kept for `curate decide` (see common/measure_cache.h): a
  // stage that finds its measures of this same text here takes them instead of
  // measuring again.
  std::vector<Score> measured;

  // Where the document came from: the global document id used by every decision
  // that must not depend on the number of ranks.
  uint32_t file_index = 0;
  uint64_t line_number = 0;  // 1-based

  void set_score(const std::string& name, double value);
  void set_label(const std::string& name, const std::string& label);
  const Score* score(const std::string& name) const;
};

// Why and where a document was rejected, added to its JSON line in rejects/.
struct RejectInfo {
  std::string_view stage;
  std::string_view reason;
  std::string_view file;
  uint64_t line = 0;
};

// The curated-document JSON line of DESIGN.md; a reject adds its stage, reason and
// where it came from.
std::string document_to_json(const Document& doc, const RejectInfo* reject = nullptr);

}  // namespace mucpt
