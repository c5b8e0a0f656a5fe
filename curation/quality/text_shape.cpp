#include "curation/quality/text_shape.h"

#include "common/hashing.h"
#include "curation/quality/char_class.h"
#include "curation/quality/text_lines.h"

namespace mucpt {

namespace {

int64_t columns(std::string_view line, int64_t stop_after) {
  int64_t cols = 0;
  size_t i = 0;
  while (i < line.size() && cols <= stop_after) {
    if (static_cast<unsigned char>(line[i]) < 0x80) {
      ++cols;
      ++i;
    } else {
      cols += char_columns(decode_at(line, i));
    }
  }
  return cols;
}

}  // namespace

TextShape text_shape(std::string_view text, const ShapeOptions& options) {
  TextShape s;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = trim_blanks(text.substr(start, nl - start));
    start = nl + 1;
    if (line.empty()) continue;
    ++s.lines;
    s.terminal_lines += ends_with_terminal_punct(line);
    s.short_lines += columns(line, options.short_line_columns) <= options.short_line_columns;
  }
  if (!options.list_aware || s.lines == 0 || static_cast<int64_t>(s.lines) < options.min_lines) return s;
  const double n = static_cast<double>(s.lines);
  s.list = static_cast<double>(s.terminal_lines) / n <= options.max_terminal_share &&
           static_cast<double>(s.short_lines) / n >= options.min_short_share;
  return s;
}

uint64_t shape_options_hash(const ShapeOptions& o) {
  uint64_t h = hash64(int64_t{o.list_aware}, 0);
  h = hash64(o.min_lines, h);
  h = hash64(o.max_terminal_share, h);
  h = hash64(o.short_line_columns, h);
  return hash64(o.min_short_share, h);
}

}  // namespace mucpt
