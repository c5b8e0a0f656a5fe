#pragma once
// C4's rules (Raffel et al. 2020, as in datatrove's C4QualityFilter), line by line:
// lines with a word over max_word_length characters, without terminal punctuation
// (or ending in an ellipsis), with fewer than min_words_per_line words, mentioning
// javascript, or carrying a cookie/terms/privacy policy phrase are removed; Wikipedia
// citation marks ([1], [edit], [citation needed]) are cut out; "lorem ipsum" or a curly
// bracket drops the whole document, and so does having fewer than min_sentences
// sentences left. Removed lines are gone from the text; blank lines between kept
// paragraphs are kept (datatrove joins the kept lines with single newlines).
//
// The terminal-punctuation, words-per-line and sentence-count rules are about prose:
// they are applied to prose documents only, not to list-structured ones (track lists,
// credits, lyrics; see text_shape.h), as datatrove's defaults assume web prose.
//
// The terminal-punctuation line filter is off by default, as in FineWeb's recipe
// (datatrove's C4QualityFilter(filter_no_terminal_punct=False)), whose ablations found it
// removes too much: conversational text (forum posts, comments) often ends a paragraph
// without a full stop, and the filter would delete the whole paragraph. FineWeb's
// line-punctuation share (fineweb_filter.h) is the milder check that replaces it.
// Sentences are still counted over the kept lines.
#include <cstdint>
#include <string>
#include <vector>

#include "curation/quality/text_shape.h"
#include "curation/quality/word_splitter.h"
#include "curation/stage.h"

namespace mucpt {

struct C4Options {
  bool terminal_punct = false;
  int64_t min_sentences = 5;       // 0: no minimum
  int64_t min_words_per_line = 3;  // 0: no minimum
  int64_t max_word_length = 1000;  // 0: no limit
  bool remove_citations = true;
  bool lorem_ipsum = true;
  bool javascript = true;
  bool curly_bracket = true;
  bool policy = true;
};

class C4Filter : public Stage {
 public:
  C4Filter(const C4Options& options, const ShapeOptions& shape, double cjk_share)
      : options_(options), shape_(shape), cjk_share_(cjk_share) {}
  const char* name() const override { return "c4"; }
  Verdict process(Document& doc) override;
  void write_counters(nlohmann::json& out) const override;

 private:
  enum LineVerdict { kept, too_long_word, no_terminal_punct, too_few_words, javascript, policy, kinds };

  C4Options options_;
  ShapeOptions shape_;
  double cjk_share_;
  std::string out_, line_;
  std::vector<Token> tokens_;
  uint64_t lines_removed_[kinds] = {};
  uint64_t docs_changed_ = 0;
};

}  // namespace mucpt
