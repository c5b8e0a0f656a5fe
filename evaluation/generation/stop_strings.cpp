#include "evaluation/generation/stop_strings.h"

#include "common/config.h"

namespace mucpt {

namespace {

constexpr const char* kWhitespace = " \t\r\n";

}  // namespace

std::vector<std::string> parse_stop_strings(const std::string& text) {
  std::vector<std::string> stops;
  if (text.empty()) return stops;
  std::string current;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',') {
      stops.push_back(current);
      current.clear();
    } else if (text[i] != '\\') {
      current += text[i];
    } else {
      const char escaped = i + 1 < text.size() ? text[++i] : '\0';
      if (escaped == 'n') current += '\n';
      else if (escaped == 't') current += '\t';
      else if (escaped == ',' || escaped == '\\') current += escaped;
      else throw ConfigError("stop: unknown escape in '" + text + "' (known: \\n \\t \\, \\\\)");
    }
  }
  stops.push_back(current);
  for (const auto& s : stops)
    if (s.empty()) throw ConfigError("stop: an empty stop string in '" + text + "'");
  return stops;
}

size_t stop_position(const std::string& text, const std::vector<std::string>& stops) {
  const size_t begin = text.find_first_not_of(kWhitespace);
  if (begin == std::string::npos) return std::string::npos;
  size_t first = std::string::npos;
  for (const auto& s : stops) first = std::min(first, text.find(s, begin));
  return first;
}

std::string answer_before_stop(const std::string& text, const std::vector<std::string>& stops) {
  std::string answer = text.substr(0, stop_position(text, stops));
  const size_t begin = answer.find_first_not_of(kWhitespace);
  if (begin == std::string::npos) return "";
  return answer.substr(begin, answer.find_last_not_of(kWhitespace) + 1 - begin);
}

}  // namespace mucpt
