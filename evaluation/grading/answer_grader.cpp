#include "evaluation/grading/answer_grader.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "common/unicode.h"

namespace mucpt {

const char* grade_name(Grade grade) {
  switch (grade) {
    case Grade::correct: return "CORRECT";
    case Grade::incorrect: return "INCORRECT";
    case Grade::not_attempted: return "NOT_ATTEMPTED";
  }
  return "?";
}

namespace {

// Case-folded compatibility decomposition without combining marks.
std::string fold(std::string_view text) {
  utf8proc_uint8_t* out = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                                       UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                        &out, options);
  if (n < 0) return std::string(text);  // not valid UTF-8: compare as given
  std::string folded(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return folded;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_number(const std::string& t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return is_digit(c) || c == '.'; }) &&
         is_digit(t.front()) && is_digit(t.back());
}

const std::map<std::string, std::string>& number_words() {
  static const std::map<std::string, std::string> words = {
      {"zero", "0"},     {"one", "1"},       {"two", "2"},        {"three", "3"},     {"four", "4"},
      {"five", "5"},     {"six", "6"},       {"seven", "7"},      {"eight", "8"},     {"nine", "9"},
      {"ten", "10"},     {"eleven", "11"},   {"twelve", "12"},    {"thirteen", "13"}, {"fourteen", "14"},
      {"fifteen", "15"}, {"sixteen", "16"},  {"seventeen", "17"}, {"eighteen", "18"}, {"nineteen", "19"},
      {"twenty", "20"},  {"thirty", "30"},   {"forty", "40"},     {"fifty", "50"},    {"sixty", "60"},
      {"seventy", "70"}, {"eighty", "80"},   {"ninety", "90"},    {"hundred", "100"}, {"first", "1"},
      {"second", "2"},   {"third", "3"},     {"fourth", "4"},     {"fifth", "5"},     {"sixth", "6"},
      {"seventh", "7"},  {"eighth", "8"},    {"ninth", "9"},      {"tenth", "10"}};
  return words;
}

// Words that carry no answer by themselves.
bool is_stop_word(const std::string& t) {
  static const std::set<std::string> stop = {"a",  "an", "the", "of", "in", "on",  "at",  "to",  "and", "for",
                                             "by", "de", "la",  "le", "von", "van", "der", "is", "was", "s"};
  return stop.count(t) > 0;
}

// Phrases of an answer that does not commit to one (checked on the folded text).
bool hedges(const std::string& folded) {
  static const char* const phrases[] = {
      "not explicitly", "could not",     "cannot be",      "can not",        "unable to",     "not available",
      "no information", "not specified", "not found",      "not mentioned",  "unclear",       "unknown",
      "i don't know",   "i do not know", "not provided",   "no record",      "not identified", "not determined",
      "not documented", "not clear",     "does not specify", "did not find", "no specific",   "not publicly",
      "no definitive",  "not disclosed", "is not known",   "not possible"};
  for (const char* p : phrases)
    if (folded.find(p) != std::string::npos) return true;
  return false;
}

bool has_cjk(const std::string& token) {
  size_t i = 0;
  while (i < token.size())
    if (is_cjk(next_code_point(token, i))) return true;
  return false;
}

bool matches(const std::vector<std::string>& gold, const std::vector<std::string>& predicted,
             const std::set<std::string>& present) {
  if (gold.empty()) return false;
  if (std::any_of(gold.begin(), gold.end(), has_cjk))  // characters in order
    return std::search(predicted.begin(), predicted.end(), gold.begin(), gold.end()) != predicted.end();
  std::vector<std::string> key;
  for (const auto& t : gold)
    if (!is_stop_word(t)) key.push_back(t);
  if (key.empty()) key = gold;
  std::vector<std::string> words;
  bool any_number = false;
  for (const auto& t : key) {
    if (is_number(t)) {
      if (!present.count(t)) return false;  // every number must be stated
      any_number = true;
    } else {
      words.push_back(t);
    }
  }
  if (words.empty()) return any_number;
  size_t hits = 0;
  for (const auto& w : words) hits += present.count(w);
  return 2 * hits >= words.size() && (hits == words.size() || present.count(words.back()));
}

}  // namespace

std::vector<std::string> answer_tokens(std::string_view text) {
  const std::string folded = fold(text);
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    if (current.empty()) return;
    // "24th" -> "24"; "three" -> "3"
    size_t digits = 0;
    while (digits < current.size() && is_digit(current[digits])) ++digits;
    if (digits > 0 && digits + 2 == current.size()) {
      std::string suffix = current.substr(digits);
      if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") current.resize(digits);
    }
    if (auto it = number_words().find(current); it != number_words().end()) current = it->second;
    tokens.push_back(current);
    current.clear();
  };
  size_t i = 0;
  while (i < folded.size()) {
    const size_t start = i;
    const char32_t cp = next_code_point(folded, i);
    const char prev = start > 0 ? folded[start - 1] : ' ';
    const char next = i < folded.size() ? folded[i] : ' ';
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (is_digit(c) || (c >= 'a' && c <= 'z')) {
        current += c;
      } else if (c == '.' && is_digit(prev) && is_digit(next) && !current.empty()) {
        current += c;  // a decimal point
      } else if (c == ',' && is_digit(prev) && i + 3 <= folded.size() && is_digit(folded[i]) &&
                 is_digit(folded[i + 1]) && is_digit(folded[i + 2]) &&
                 (i + 3 == folded.size() || !is_digit(folded[i + 3]))) {
        // a thousands separator: 97,686 -> 97686
      } else {
        flush();
      }
      continue;
    }
    if (is_cjk(cp)) {
      flush();
      append_utf8(current, cp);
      flush();
      continue;
    }
    const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if ((category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
        (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO))
      append_utf8(current, cp);
    else
      flush();
  }
  flush();
  return tokens;
}

Grade grade_answer(std::string_view predicted, const std::vector<std::string>& accepted) {
  const std::vector<std::string> tokens = answer_tokens(predicted);
  if (tokens.empty()) return Grade::not_attempted;
  const std::set<std::string> present(tokens.begin(), tokens.end());
  for (const auto& answer : accepted)
    if (matches(answer_tokens(answer), tokens, present)) return Grade::correct;
  return hedges(fold(predicted)) ? Grade::not_attempted : Grade::incorrect;
}

}  // namespace mucpt
