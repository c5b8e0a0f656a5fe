#pragma once
// Gopher's repetition rules (Rae et al. 2021, Table A1), with the semantics of
// datatrove's GopherRepetitionFilter: duplicate paragraphs and lines (as a share of
// their count and of the text's characters), the character share of the most
// frequent 2-, 3- and 4-gram, and the character share covered by repeated 5- to
// 10-grams. Every measure goes to scores (gopher_rep_*) before the thresholds decide;
// a threshold of 0 switches its check off. The most frequent n-gram counts only when
// it occurs at least twice (datatrove also measures an n-gram seen once, which only
// matters, and misfires, on texts of a few words). Paragraphs are separated by blank lines,
// lines by newlines (empty lines are not lines); n-grams run over the word and
// punctuation tokens of word_splitter.h.
//
// CJK text has no word boundaries, so its tokens are characters, and an n-gram of
// characters is far shorter than one of words: a transliterated name of seven
// characters repeated through a short article would pass for a repeated 5-gram. In CJK
// text an n-gram therefore spans ceil(n * cjk_chars_per_word) characters, about n
// words: Chinese words average one and a half to two characters, and the longer ones,
// names above all, are the ones that repeat.
#include <array>
#include <cstdint>
#include <vector>

#include "curation/quality/hash_counter.h"
#include "curation/quality/word_splitter.h"
#include "curation/quality/threshold_rules.h"
#include "curation/stage.h"

namespace mucpt {

struct GopherRepetitionOptions {
  double dup_line_frac = 0.3;
  double dup_para_frac = 0.3;
  double dup_line_char_frac = 0.2;
  double dup_para_char_frac = 0.2;
  std::array<double, 3> top_ngram = {0.20, 0.18, 0.16};                    // n = 2, 3, 4
  std::array<double, 6> dup_ngram = {0.15, 0.14, 0.13, 0.12, 0.11, 0.10};  // n = 5 .. 10
  double cjk_chars_per_word = 2;
};

struct GopherRepetitionMeasures {
  double dup_para_frac = 0, dup_para_char_frac = 0;
  double dup_line_frac = 0, dup_line_char_frac = 0;
  std::array<double, 3> top_ngram{};
  std::array<double, 6> dup_ngram{};
};

// The rules, as gopher_repetition.cpp declares them (threshold_rules.h).
const RuleTable& gopher_repetition_rules();

class GopherRepetitionFilter : public Stage {
 public:
  GopherRepetitionFilter(const GopherRepetitionOptions& options, double cjk_share);
  const char* name() const override { return "gopher_repetition"; }
  Verdict process(Document& doc) override;
  std::optional<Verdict> decide_on_measures(const Document& doc) const override;

  GopherRepetitionMeasures measure(std::string_view text, WordMode mode);

 private:
  void measure_blocks(std::string_view text, bool paragraphs, double& frac, double& char_frac, size_t total_chars);
  void measure_ngrams(std::string_view text, WordMode mode, size_t total_chars, GopherRepetitionMeasures& m);
  void top_ngram(size_t window, size_t separator, size_t total_chars, double& out);
  void duplicated_ngrams(size_t window, size_t total_chars, double& out);

  GopherRepetitionOptions options_;
  BoundRules rules_;
  double cjk_share_;
  std::vector<Token> tokens_;
  std::vector<uint64_t> token_hash_, gram_hash_;
  std::vector<uint32_t> char_prefix_;
  HashCounter counter_;
};

}  // namespace mucpt
