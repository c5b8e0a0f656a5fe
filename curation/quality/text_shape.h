#pragma once
// Prose or list? Several web-text rules measure how sentence-like a document is: C4
// keeps only lines ending in terminal punctuation and wants five sentences, FineWeb
// drops documents of short or unpunctuated lines. Music text has whole genres that
// are lists by design (track lists, credits, discographies, lyrics), where those
// rules say nothing about quality. A document is list-structured when it has enough
// lines, few of them end like sentences, and nearly all are short; the prose-shape
// rules then step aside, while the rules that catch junk in any shape (repetition,
// boilerplate, symbols, word counts, lorem ipsum) still apply. Spam written as
// exclamations ("BUY NOW!!!") ends its lines like sentences, so it is read as prose.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mucpt {

struct ShapeOptions {
  bool list_aware = true;          // off: every document is read as prose
  int64_t min_lines = 4;           // non-empty lines a list needs
  double max_terminal_share = 0.3;  // at most this share of lines ends like a sentence
  int64_t short_line_columns = 80;  // a list line is at most this wide (CJK counts 2)
  double min_short_share = 0.8;    // at least this share of lines is that short
};

struct TextShape {
  size_t lines = 0;           // non-empty
  size_t terminal_lines = 0;  // ending in terminal punctuation
  size_t short_lines = 0;     // within short_line_columns
  bool list = false;
};

// A hash of the options, for keys of stored measures that depend on the shape.
uint64_t shape_options_hash(const ShapeOptions& options);

TextShape text_shape(std::string_view text, const ShapeOptions& options);

}  // namespace mucpt
