#pragma once
// The quality stages with their options. html (for sources marked as HTML) comes
// apart, so that it can run right after clean: masking, language ID and the domain
// classifier should read text, not markup. The rest run in this order: boilerplate,
// gopher_repetition, repeated_lines, gopher_quality, c4, fineweb. Every threshold is
// an option `section.key`, so a source can re-tune or switch off any rule in its
// manifest settings.
//
// gopher_repetition runs before repeated_lines so that it judges the document as
// written; the removal then tidies the documents it keeps. The document rules run in
// datatrove's FineWeb order (Gopher repetition, Gopher quality, C4, FineWeb).
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "common/config.h"
#include "common/declared_options.h"
#include "curation/quality/boilerplate_phrases.h"
#include "curation/quality/c4_filter.h"
#include "curation/quality/fineweb_filter.h"
#include "curation/quality/gopher_quality.h"
#include "curation/quality/gopher_repetition.h"
#include "curation/quality/text_shape.h"
#include "curation/stage.h"
#include "curation/stage_settings.h"

namespace mucpt {

struct QualityOptions {
  bool html_enabled = false;
  bool boilerplate_enabled = true;
  BoilerplateOptions boilerplate;
  bool repeated_lines_enabled = true;
  double cjk_share = 0.3;
  ShapeOptions shape;
  bool gopher_repetition_enabled = true;
  GopherRepetitionOptions gopher_repetition;
  bool gopher_quality_enabled = true;
  GopherQualityOptions gopher_quality;
  bool c4_enabled = true;
  C4Options c4;
  bool fineweb_enabled = true;
  FineWebOptions fineweb;

  template <class Visitor>
  void visit(Visitor&& v);
};

// Calls v(key, field, help) for every option: the one list that both registration and
// reading walk, so a key, its field and its default cannot drift apart.
template <class Visitor>
void visit_quality_options(QualityOptions& o, Visitor&& v) {
  v("html.enabled", o.html_enabled, "strip HTML tags, script/style content and entities (turn on for HTML sources)");

  v("boilerplate.enabled", o.boilerplate_enabled, "remove cookie notices, calls to action, menus and footers line by line");
  v("boilerplate.max_line_chars", o.boilerplate.max_line_chars, "longer lines are never boilerplate");
  v("boilerplate.nav_min_items", o.boilerplate.nav_min_items, "items of a navigation line (Home | About | Contact)");
  v("boilerplate.nav_max_item_words", o.boilerplate.nav_max_item_words, "words per navigation item at most");

  v("repeated_lines.enabled", o.repeated_lines_enabled, "remove lines repeating an earlier line of the document");

  v("script.cjk_share", o.cjk_share,
    "without scores.lang, a text whose letters are at least this share Han/kana is read as CJK");

  v("structure.list_aware", o.shape.list_aware,
    "list-structured documents (track lists, credits, lyrics) skip the prose-shape rules");
  v("structure.min_lines", o.shape.min_lines, "non-empty lines a list-structured document has at least");
  v("structure.max_terminal_share", o.shape.max_terminal_share,
    "share of lines ending like a sentence that a list-structured document has at most");
  v("structure.short_line_columns", o.shape.short_line_columns, "width of a short line (CJK characters count 2)");
  v("structure.min_short_share", o.shape.min_short_share, "share of short lines a list-structured document has at least");

  GopherRepetitionOptions& r = o.gopher_repetition;
  v("gopher_repetition.enabled", o.gopher_repetition_enabled, "Gopher repetition rules");
  v("gopher_repetition.dup_line_frac", r.dup_line_frac, "max share of duplicated lines (0: off)");
  v("gopher_repetition.dup_para_frac", r.dup_para_frac, "max share of duplicated paragraphs (0: off)");
  v("gopher_repetition.dup_line_char_frac", r.dup_line_char_frac, "max character share of duplicated lines (0: off)");
  v("gopher_repetition.dup_para_char_frac", r.dup_para_char_frac, "max character share of duplicated paragraphs (0: off)");
  v("gopher_repetition.top_2_gram", r.top_ngram[0], "max character share of the most frequent 2-gram (0: off)");
  v("gopher_repetition.top_3_gram", r.top_ngram[1], "max character share of the most frequent 3-gram (0: off)");
  v("gopher_repetition.top_4_gram", r.top_ngram[2], "max character share of the most frequent 4-gram (0: off)");
  v("gopher_repetition.dup_5_gram", r.dup_ngram[0], "max character share of repeated 5-grams (0: off)");
  v("gopher_repetition.dup_6_gram", r.dup_ngram[1], "max character share of repeated 6-grams (0: off)");
  v("gopher_repetition.dup_7_gram", r.dup_ngram[2], "max character share of repeated 7-grams (0: off)");
  v("gopher_repetition.dup_8_gram", r.dup_ngram[3], "max character share of repeated 8-grams (0: off)");
  v("gopher_repetition.dup_9_gram", r.dup_ngram[4], "max character share of repeated 9-grams (0: off)");
  v("gopher_repetition.dup_10_gram", r.dup_ngram[5], "max character share of repeated 10-grams (0: off)");
  v("gopher_repetition.cjk_chars_per_word", r.cjk_chars_per_word, "characters per word in CJK n-gram windows");

  GopherQualityOptions& g = o.gopher_quality;
  v("gopher_quality.enabled", o.gopher_quality_enabled, "Gopher quality rules");
  v("gopher_quality.min_words", g.min_words, "fewest words (characters in CJK text; 0: off)");
  v("gopher_quality.max_words", g.max_words, "most words (0: off)");
  v("gopher_quality.min_mean_word_length", g.min_mean_word_length, "shortest mean word length (0: off)");
  v("gopher_quality.max_mean_word_length", g.max_mean_word_length, "longest mean word length (0: off)");
  v("gopher_quality.max_symbol_word_ratio", g.max_symbol_word_ratio, "most '#' and most ellipses per word (0: off)");
  v("gopher_quality.max_bullet_lines", g.max_bullet_lines, "max share of lines starting with a bullet (0: off)");
  v("gopher_quality.max_ellipsis_lines", g.max_ellipsis_lines, "max share of lines ending in an ellipsis (0: off)");
  v("gopher_quality.min_flagged_lines", g.min_flagged_lines,
    "bullet or ellipsis lines a document needs before their share can drop it");
  v("gopher_quality.min_alpha_words", g.min_alpha_words, "min share of words with a letter (0: off)");
  v("gopher_quality.min_stop_words", g.min_stop_words, "fewest stop words (0: off)");

  C4Options& c = o.c4;
  v("c4.enabled", o.c4_enabled, "C4 rules");
  v("c4.terminal_punct", c.terminal_punct, "remove prose lines that do not end in terminal punctuation");
  v("c4.min_sentences", c.min_sentences, "fewest sentences a prose document keeps (0: off)");
  v("c4.min_words_per_line", c.min_words_per_line, "remove prose lines with fewer words (0: off)");
  v("c4.max_word_length", c.max_word_length, "remove lines with a longer word (0: off)");
  v("c4.remove_citations", c.remove_citations, "cut [1], [edit] and [citation needed] out of lines");
  v("c4.lorem_ipsum", c.lorem_ipsum, "drop documents containing lorem ipsum");
  v("c4.javascript", c.javascript, "remove lines mentioning javascript");
  v("c4.curly_bracket", c.curly_bracket, "drop documents containing a curly bracket");
  v("c4.policy", c.policy, "remove lines with terms-of-use, privacy and cookie policy phrases");

  FineWebOptions& f = o.fineweb;
  v("fineweb.enabled", o.fineweb_enabled, "FineWeb rules");
  v("fineweb.line_punct_min", f.line_punct_min, "drop prose when at most this share of lines ends in punctuation (0: off)");
  v("fineweb.line_punct_exclude_zero", f.line_punct_exclude_zero, "no punctuated line at all passes the check above");
  v("fineweb.short_line_max_chars", f.short_line_max_chars, "a short line has at most this many characters");
  v("fineweb.short_line_share", f.short_line_share, "drop prose when at least this share of lines is short (0: off)");
  v("fineweb.char_dup_share", f.char_dup_share, "drop when at least this share of characters is in repeated lines (0: off)");
  v("fineweb.newline_word_ratio", f.newline_word_ratio, "drop prose with more line breaks per word (0: off)");
}

template <class Visitor>
void QualityOptions::visit(Visitor&& v) {
  visit_quality_options(*this, v);
}

void register_quality_options(Config& config);

// A stage's rule table with the limits its own options hold (the other stages' options
// at their defaults): the limits are read by key, as the options are declared.
template <class StageOptions>
BoundRules bind_rules(const RuleTable& table, StageOptions QualityOptions::*field, const StageOptions& options) {
  QualityOptions all;
  all.*field = options;
  return BoundRules(table, all);
}

// The rule tables of the stages that decide on stored measures (threshold_rules.h).
const std::vector<const RuleTable*>& rule_tables();

// The options the rule tables read (limits and what their conditions read): `curate
// decide` applies a change of them to stored measures, without the text. The rest
// change what is measured or the text itself.
bool is_rule_threshold_option(std::string_view key);

// Throws ConfigError for a negative threshold.
void check_quality_options(const QualityOptions& options);

// The html stage when html_enabled is set.
void append_html_stage(const QualityOptions& options, std::vector<std::unique_ptr<Stage>>& stages);
// The cleaning and document rules after it, each when enabled.
void append_quality_stages(const QualityOptions& options, std::vector<std::unique_ptr<Stage>>& stages);

// Settings are read where they are used: StageSettings belongs to mucpt_curation,
// which links this library, so these are compiled in the caller.
inline QualityOptions read_quality_options(const StageSettings& settings) {
  QualityOptions o = read_options<QualityOptions>(settings);
  check_quality_options(o);
  return o;
}

inline void add_html_stage(const StageSettings& settings, std::vector<std::unique_ptr<Stage>>& stages) {
  append_html_stage(read_quality_options(settings), stages);
}

inline void add_quality_stages(const StageSettings& settings, std::vector<std::unique_ptr<Stage>>& stages) {
  append_quality_stages(read_quality_options(settings), stages);
}

}  // namespace mucpt
