#pragma once
// Reads the Python literal subset that `repr()` of plain data produces: dict, list,
// tuple, str (single or double quoted, with Python's escapes, adjacent literals
// joined), int, float, True, False, None. SimpleQA stores each row's metadata this
// way ({'topic': 'Music', 'answer_type': 'Person', 'urls': [...]}), and it is not
// JSON: strings are single-quoted unless they hold an apostrophe, and escapes follow
// Python's rules. The value comes back as JSON (dict -> object, list and tuple ->
// array, None -> null), so callers use the JSON API they already know.
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

namespace mucpt {

class PythonLiteralError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses the whole text (surrounding whitespace allowed). Throws PythonLiteralError
// saying what was expected and at which byte offset.
nlohmann::json parse_python_literal(std::string_view text);

}  // namespace mucpt
