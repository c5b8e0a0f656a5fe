#pragma once
// Stop strings end an answer, as lm-evaluation-harness's `until`: generation stops once
// the decoded text holds one, and the answer is the text before it. They are looked for
// after the answer's leading whitespace, so that a base model's line break before its
// answer does not end it empty.
#include <string>
#include <vector>

namespace mucpt {

// `--stop` text: comma-separated strings with the escapes \n, \t, \, (a comma) and \\.
// Empty: no stop string. Throws ConfigError on an unknown escape or an empty string.
std::vector<std::string> parse_stop_strings(const std::string& text);

// Where the first stop string starts in text (after its leading whitespace), or npos.
size_t stop_position(const std::string& text, const std::vector<std::string>& stops);

// The text before its first stop string, without surrounding whitespace.
std::string answer_before_stop(const std::string& text, const std::vector<std::string>& stops);

}  // namespace mucpt
