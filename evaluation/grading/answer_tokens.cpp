#include "evaluation/grading/answer_tokens.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include "common/unicode.h"

namespace mucpt {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

const std::map<std::string, std::string>& number_words() {
  static const std::map<std::string, std::string> words = {
      {"zero", "0"},     {"one", "1"},       {"two", "2"},        {"three", "3"},     {"four", "4"},
      {"five", "5"},     {"six", "6"},       {"seven", "7"},      {"eight", "8"},     {"nine", "9"},
      {"ten", "10"},     {"eleven", "11"},   {"twelve", "12"},    {"thirteen", "13"}, {"fourteen", "14"},
      {"fifteen", "15"}, {"sixteen", "16"},  {"seventeen", "17"}, {"eighteen", "18"}, {"nineteen", "19"},
      {"twenty", "20"},  {"thirty", "30"},   {"forty", "40"},     {"fifty", "50"},    {"sixty", "60"},
      {"seventy", "70"}, {"eighty", "80"},   {"ninety", "90"},    {"hundred", "100"}, {"first", "1"},
      {"second", "2"},   {"third", "3"},     {"fourth", "4"},     {"fifth", "5"},     {"sixth", "6"},
      {"seventh", "7"},  {"eighth", "8"},    {"ninth", "9"},      {"tenth", "10"},    {"once", "1"},
      {"twice", "2"},    {"thrice", "3"}};
  return words;
}

// Month spellings other than the English names, as the English name.
const std::map<std::string, std::string>& month_spellings() {
  static const std::map<std::string, std::string> spellings = {
      {"jan", "january"},   {"feb", "february"},  {"mar", "march"},     {"apr", "april"},     {"jun", "june"},
      {"jul", "july"},      {"aug", "august"},    {"sep", "september"}, {"sept", "september"}, {"oct", "october"},
      {"nov", "november"},  {"dec", "december"},  {"januar", "january"}, {"februar", "february"}, {"marz", "march"},
      {"mai", "may"},       {"juni", "june"},     {"juli", "july"},     {"oktober", "october"}, {"dezember", "december"},
      {"janvier", "january"}, {"fevrier", "february"}, {"mars", "march"}, {"avril", "april"}, {"juin", "june"},
      {"juillet", "july"},  {"aout", "august"},   {"septembre", "september"}, {"octobre", "october"},
      {"novembre", "november"}, {"decembre", "december"}, {"enero", "january"}, {"febrero", "february"},
      {"marzo", "march"},   {"abril", "april"},   {"mayo", "may"},      {"junio", "june"},    {"julio", "july"},
      {"agosto", "august"}, {"septiembre", "september"}, {"octubre", "october"}, {"noviembre", "november"},
      {"diciembre", "december"}};
  return spellings;
}

// One raw word as compared: "24th" -> "24", "three" -> "3", "04" -> "4", "feb" -> "february".
std::string normalize_word(std::string word) {
  size_t digits = 0;
  while (digits < word.size() && is_digit(word[digits])) ++digits;
  if (digits > 0 && digits + 2 == word.size()) {
    const std::string suffix = word.substr(digits);
    if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") word.resize(digits);
  }
  if (auto it = number_words().find(word); it != number_words().end()) return it->second;
  if (auto it = month_spellings().find(word); it != month_spellings().end()) return it->second;
  if (word.size() > 1 && word[0] == '0' && is_digit(word[1])) {
    const size_t first = word.find_first_not_of('0');
    word.erase(0, first == std::string::npos || !is_digit(word[first]) ? word.size() - 1 : first);
  }
  return word;
}

std::string fold(std::string_view text, bool casefold) {
  utf8proc_uint8_t* out = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                                       (casefold ? UTF8PROC_CASEFOLD : 0) | UTF8PROC_STRIPMARK |
                                                       UTF8PROC_IGNORE);
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                        &out, options);
  if (n < 0) return std::string(text);  // not valid UTF-8: compare as given
  std::string folded(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return folded;
}

// The tokens of folded text; marks (when given) records each one's TokenMarks (capital
// meaningful when the text was folded without case folding).
std::vector<std::string> tokenize(const std::string& folded, std::vector<TokenMarks>* marks) {
  std::vector<std::string> tokens;
  std::string current;
  bool plain_gap = false;  // only spaces and hyphens since the last token
  auto flush = [&] {
    if (current.empty()) return;
    // "1 second" is a time, not an ordinal.
    const bool unit = current == "second" && !tokens.empty() && is_number_token(tokens.back());
    tokens.push_back(unit ? std::move(current) : normalize_word(std::move(current)));
    current.clear();
    plain_gap = true;
  };
  auto begin = [&](bool capital) {
    if (marks) marks->push_back({capital, !tokens.empty() && plain_gap});
  };
  // Text that is not UTF-8 was left unfolded: read it byte by byte.
  const bool utf8 = is_valid_utf8(folded);
  size_t i = 0;
  while (i < folded.size()) {
    const size_t start = i;
    const char32_t cp = static_cast<unsigned char>(folded[i]) < 0x80 || !utf8
                            ? static_cast<unsigned char>(folded[i++])
                            : next_code_point(folded, i);
    const char prev = start > 0 ? folded[start - 1] : ' ';
    const char next = i < folded.size() ? folded[i] : ' ';
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (is_digit(c) || (c >= 'a' && c <= 'z')) {
        if (current.empty()) begin(false);
        current += c;
      } else if (c >= 'A' && c <= 'Z') {
        if (current.empty()) begin(true);
        current += static_cast<char>(c - 'A' + 'a');
      } else if (c == '.' && is_digit(prev) && is_digit(next) && !current.empty()) {
        current += c;  // a decimal point
      } else if (c == '.' && is_digit(next) && current.empty() && !std::isalnum(static_cast<unsigned char>(prev))) {
        begin(false);
        current = "0.";  // ".500" -> "0.500"
      } else if (c == '-' && is_digit(next) && current.empty() && !std::isalnum(static_cast<unsigned char>(prev))) {
        begin(false);
        current = "-";  // a minus sign; "1990-95" and "COVID-19" have none
      } else if (c == ',' && is_digit(prev) && i + 3 <= folded.size() && is_digit(folded[i]) &&
                 is_digit(folded[i + 1]) && is_digit(folded[i + 2]) &&
                 (i + 3 == folded.size() || !is_digit(folded[i + 3]))) {
        // a thousands separator: 97,686 -> 97686
      } else {
        flush();
        if (c != ' ' && c != '-') plain_gap = false;
      }
      continue;
    }
    if (cp == 0x2212 && is_digit(next) && current.empty() && !std::isalnum(static_cast<unsigned char>(prev))) {
      begin(false);
      current = "-";  // U+2212 MINUS SIGN
      continue;
    }
    if (is_cjk(cp)) {
      flush();
      begin(false);
      append_utf8(current, cp);
      flush();
      continue;
    }
    const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if ((category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
        (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO)) {
      if (current.empty()) begin(category == UTF8PROC_CATEGORY_LU);
      append_utf8(current, cp);
    } else {
      flush();
      plain_gap = false;
    }
  }
  flush();
  return tokens;
}

}  // namespace

bool is_number_token(const std::string& t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return is_digit(c) || c == '.'; }) &&
         is_digit(t.front()) && is_digit(t.back()) && std::count(t.begin(), t.end(), '.') <= 1;
}

bool has_cjk(const std::string& token) {
  size_t i = 0;
  while (i < token.size())
    if (is_cjk(next_code_point(token, i))) return true;
  return false;
}

int month_number(const std::string& token) {
  static const char* const months[] = {"january", "february", "march",     "april",   "may",      "june",
                                       "july",    "august",   "september", "october", "november", "december"};
  for (int m = 0; m < 12; ++m)
    if (token == months[m]) return m + 1;
  return 0;
}

std::string fold_answer(std::string_view text) { return fold(text, true); }

std::vector<std::string> answer_tokens(std::string_view text) { return tokenize(fold(text, true), nullptr); }

std::vector<TokenMarks> token_marks(std::string_view text) {
  std::vector<TokenMarks> marks;
  tokenize(fold(text, false), &marks);
  return marks;
}

}  // namespace mucpt
