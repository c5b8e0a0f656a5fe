#pragma once
// FineWeb's rules (Penedo et al. 2024, as in datatrove's FineWebQualityFilter): the
// share of lines ending in punctuation, the share of short lines, the share of
// characters in duplicated lines, and line breaks per word. Every measure goes to
// scores (fineweb_*); a threshold of 0 switches its check off.
//
// Lines are the non-empty lines: blank lines only separate paragraphs here, and
// counting them would make every multi-paragraph text look like a list. Line breaks
// per word count one break between consecutive non-empty lines. A line counts as
// punctuated when it ends in sentence punctuation or holds a sentence end inside: a
// forum paragraph of several sentences whose last one lacks its full stop is still
// prose, while the menus and link lists this rule is after hold no sentence at all. The punctuation,
// short-line and line-break rules measure how prose-like a text is, so they apply to
// prose documents only, not to list-structured ones (see text_shape.h); the
// duplicated-line rule applies to all. The thresholds and comparisons are the paper's
// (at most 0.12, at least 0.67, at least 0.1 of characters; datatrove's code rejects
// below 0.12, above 0.67 and above 0.01). With repeated_lines on (the default), repeated
// lines are cut before this stage and the document kept, so the duplicated-line rule
// finds none; it decides where repeated_lines is off.
#include <cstdint>
#include <vector>

#include "common/hashing.h"
#include "curation/quality/hash_counter.h"
#include "curation/quality/text_shape.h"
#include "curation/quality/word_splitter.h"
#include "curation/quality/threshold_rules.h"
#include "curation/stage.h"

namespace mucpt {

struct FineWebOptions {
  double line_punct_min = 0.12;      // drop when at most this share of lines ends in punctuation
  bool line_punct_exclude_zero = false;  // true: a text with no punctuated line at all passes that check
  int64_t short_line_max_chars = 30;
  double short_line_share = 0.67;    // drop when at least this share of lines is short
  double char_dup_share = 0.1;       // drop when at least this share of characters is in repeated lines
  double newline_word_ratio = 0.3;   // drop when there are more line breaks per word
};

// The rules, as fineweb_filter.cpp declares them (threshold_rules.h).
const RuleTable& fineweb_rules();

class FineWebFilter : public Stage {
 public:
  FineWebFilter(const FineWebOptions& options, const ShapeOptions& shape, double cjk_share);
  const char* name() const override { return "fineweb"; }
  Verdict process(Document& doc) override;
  std::optional<Verdict> decide_on_measures(const Document& doc) const override;

 private:
  struct Measures {
    double punct_share = 0, short_share = 0, dup_share = 0, newline_ratio = 0;
    bool list = false;
  };
  Measures measure(std::string_view text, WordMode mode);
  Verdict verdict_of(const Measures& m) const;

  FineWebOptions options_;
  BoundRules rules_;
  ShapeOptions shape_;
  double cjk_share_;
  uint64_t options_hash_;  // of the options the measures depend on, for their key
  std::vector<Token> tokens_;
  HashCounter counter_;
};

}  // namespace mucpt
