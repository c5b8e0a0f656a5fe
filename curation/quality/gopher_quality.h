#pragma once
// Gopher's quality rules (Rae et al. 2021, as in datatrove's GopherQualityFilter): word
// count, mean word length, '#' and ellipsis per word, bullet and ellipsis-ending
// lines, words with a letter, and stop words. Every measure goes to scores (gopher_*)
// before the thresholds decide, so thresholds can change without measuring again; the
// decision is the rule table gopher_quality_rules() (threshold_rules.h).
// A threshold of 0 switches its check off.
//
// The bullet and ellipsis line shares need support: at least min_flagged_lines lines
// must start with a bullet (end in an ellipsis) before the share can drop a document.
// On a post of three paragraphs one trailing "..." is a third of the lines; the rule
// is after pages of truncated teasers and bullet lists, which have many such lines.
//
// Language: CJK text counts characters as words and skips the mean word length
// (one character per word says nothing there); the stop-word check uses the
// document's language list, or is skipped for a language without one. List-structured
// documents (see text_shape.h) skip the letter-share and stop-word checks: a track
// list is numbers and names, not sentences.
#include <cstdint>
#include <vector>

#include "curation/quality/document_language.h"
#include "curation/quality/text_shape.h"
#include "curation/quality/threshold_rules.h"
#include "curation/stage.h"

namespace mucpt {

struct GopherQualityOptions {
  int64_t min_words = 50;
  int64_t max_words = 100000;
  double min_mean_word_length = 3;
  double max_mean_word_length = 10;
  double max_symbol_word_ratio = 0.1;  // for '#' and for "..."/"…" separately
  double max_bullet_lines = 0.9;
  double max_ellipsis_lines = 0.3;
  int64_t min_flagged_lines = 3;
  double min_alpha_words = 0.8;
  int64_t min_stop_words = 2;
};

struct GopherQualityMeasures {
  size_t words = 0;          // tokens that are not only punctuation
  double mean_word_length = 0;
  double hash_ratio = 0;     // '#' per word
  double ellipsis_ratio = 0;
  double bullet_lines = 0;   // share of non-empty lines
  double ellipsis_lines = 0;
  size_t bullet_count = 0, ellipsis_count = 0;
  double alpha_words = 0;    // share of words holding a letter
  size_t stop_words = 0;
};

// The rules, as gopher_quality.cpp declares them (threshold_rules.h).
const RuleTable& gopher_quality_rules();

class GopherQualityFilter : public Stage {
 public:
  GopherQualityFilter(const GopherQualityOptions& options, const ShapeOptions& shape, double cjk_share);
  const char* name() const override { return "gopher_quality"; }
  Verdict process(Document& doc) override;
  std::optional<Verdict> decide_on_measures(const Document& doc) const override;
  void write_counters(nlohmann::json& out) const override;

  GopherQualityMeasures measure(std::string_view text, const LanguageView& lang);

 private:
  // The rules on the stored measures (in gopher_quality_rules()'s order).
  Verdict verdict_of(const double* measures) const;

  GopherQualityOptions options_;
  BoundRules rules_;
  ShapeOptions shape_;
  double cjk_share_;
  uint64_t shape_hash_;  // of the shape rules, for the measures' key
  std::vector<Token> tokens_;
  uint64_t list_docs_ = 0, cjk_docs_ = 0;
};

}  // namespace mucpt
