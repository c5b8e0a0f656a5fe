#pragma once
// simdjson reads up to SIMDJSON_PADDING bytes past the JSON it parses. A line with that
// much readable after it (in a LineReader's buffer: readable_after_line_start) is parsed
// where it lies; a line with less is copied into a buffer and padded first.
#include <simdjson.h>

#include <string>
#include <string_view>

namespace mucpt {

// The line, placed where SIMDJSON_PADDING bytes past its end may be read: where it is,
// or in `buffer`. `readable`: the bytes that may be read from line.data().
inline std::string_view padded_for_simdjson(std::string_view line, size_t readable, std::string& buffer) {
  if (readable >= line.size() + simdjson::SIMDJSON_PADDING) return line;
  buffer.assign(line);
  buffer.resize(line.size() + simdjson::SIMDJSON_PADDING, ' ');
  return std::string_view(buffer.data(), line.size());
}

}  // namespace mucpt
