#include "evaluation/grading/answer_dates.h"

#include <set>

#include "evaluation/grading/answer_tokens.h"

namespace mucpt {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The integer value of a token of 1-4 digits, else -1.
int small_integer(const std::string& token) {
  if (token.empty() || token.size() > 4) return -1;
  int value = 0;
  for (char c : token) {
    if (!is_digit(c)) return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool is_day(const std::string& token) {
  const int v = small_integer(token);
  return token.size() <= 2 && v >= 1 && v <= 31;
}

bool is_year(const std::string& token) { return token.size() >= 3 && small_integer(token) > 0; }

// A month word with the day before it ("3 march", "3 of march") or after it
// ("march 3"), and the year after either ("march 3 1999", "3 march 1999", "march 1999").
void find_word_dates(const std::vector<std::string>& t, std::vector<AnswerDate>& dates,
                     std::vector<std::pair<size_t, size_t>>* spans) {
  const size_t first_date = dates.size();
  std::vector<size_t> ends;
  for (size_t i = 0; i < t.size(); ++i) {
    const int month = month_number(t[i]);
    if (month == 0) continue;
    AnswerDate d;
    d.month = month;
    size_t first = i, last = i;
    if (i >= 1 && is_day(t[i - 1])) {
      d.day = small_integer(t[i - 1]);
      first = i - 1;
    } else if (i >= 2 && (t[i - 1] == "of" || t[i - 1] == "de") && is_day(t[i - 2])) {
      d.day = small_integer(t[i - 2]);
      first = i - 2;
    }
    size_t next = i + 1;
    if (d.day == 0 && next < t.size() && is_day(t[next])) {
      d.day = small_integer(t[next]);
      last = next++;
    }
    if (next < t.size() && (t[next] == "of" || t[next] == "de") && next + 1 < t.size() && is_year(t[next + 1])) ++next;
    if (next < t.size() && is_year(t[next])) {
      d.year = small_integer(t[next]);
      last = next;
    }
    if (d.day == 0 && d.year == 0) continue;  // a bare month word ("may", "march") is no date
    dates.push_back(d);
    ends.push_back(last);
    if (spans) spans->emplace_back(first, last);
  }
  // A range names its year once: "May 28 to June 2, 1964".
  static const std::set<std::string> joins = {"to", "and", "until", "through", "till"};
  for (size_t k = first_date + 1; k < dates.size(); ++k) {
    AnswerDate& earlier = dates[k - 1];
    const size_t join = ends[k - 1 - first_date] + 1;
    if (earlier.year == 0 && dates[k].year != 0 && join < t.size() && joins.count(t[join]) &&
        month_number(t[join + 1 < t.size() ? join + 1 : join]) > 0)
      earlier.year = dates[k].year;
  }
}

// Three groups of digits joined by one kind of separator: "1999-03-03", "3/3/1999", "03.03.1999".
void find_numeric_dates(std::string_view s, std::vector<AnswerDate>& dates) {
  size_t i = 0;
  while (i < s.size()) {
    if (!is_digit(s[i]) || (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == '/' || s[i - 1] == '-'))) {
      ++i;
      continue;
    }
    int groups[3] = {0, 0, 0};
    size_t widths[3] = {0, 0, 0};
    char separator = 0;
    size_t j = i;
    int g = 0;
    for (; g < 3; ++g) {
      const size_t begin = j;
      while (j < s.size() && is_digit(s[j]) && j - begin < 5) groups[g] = groups[g] * 10 + (s[j++] - '0');
      widths[g] = j - begin;
      if (widths[g] == 0 || (j < s.size() && is_digit(s[j]))) break;
      if (g == 2) break;
      if (j >= s.size() || (s[j] != '-' && s[j] != '/' && s[j] != '.')) break;
      if (separator && s[j] != separator) break;
      separator = s[j++];
    }
    const bool complete = g == 2 && widths[2] > 0 && (j >= s.size() || !is_digit(s[j])) &&
                          !(j + 1 < s.size() && (s[j] == separator) && is_digit(s[j + 1]));
    if (complete) {
      auto add = [&](int year, int month, int day) {
        if (month >= 1 && month <= 12 && day >= 1 && day <= 31) dates.push_back({year, month, day});
      };
      if (widths[0] == 4 && widths[1] <= 2 && widths[2] <= 2) {
        add(groups[0], groups[1], groups[2]);
      } else if (widths[0] <= 2 && widths[1] <= 2 && widths[2] == 4) {
        add(groups[2], groups[1], groups[0]);  // day first
        if (groups[0] != groups[1]) add(groups[2], groups[0], groups[1]);  // month first
      }
    }
    i = j > i ? j : i + 1;
  }
}

}  // namespace

std::vector<AnswerDate> find_dates(std::string_view folded, const std::vector<std::string>& tokens) {
  std::vector<AnswerDate> dates;
  find_word_dates(tokens, dates, nullptr);
  find_numeric_dates(folded, dates);
  return dates;
}

std::optional<AnswerDate> date_answer(std::string_view answer) {
  const std::string folded = fold_answer(answer);
  const std::vector<std::string> tokens = answer_tokens(answer);
  // Words that may stand beside the date in a gold answer.
  static const std::set<std::string> filler = {"on", "in", "the", "of", "de", "c", "circa", "around", "about"};
  std::vector<AnswerDate> dates;
  std::vector<std::pair<size_t, size_t>> spans;
  find_word_dates(tokens, dates, &spans);
  if (dates.size() == 1) {
    for (size_t i = 0; i < tokens.size(); ++i)
      if ((i < spans[0].first || i > spans[0].second) && !filler.count(tokens[i])) return std::nullopt;
    return dates[0];
  }
  if (!dates.empty() || tokens.size() != 3) return std::nullopt;
  find_numeric_dates(folded, dates);
  // "1999-03-03" is one date; "03/04/1999" is two readings and so no single answer.
  if (dates.size() == 1) return dates[0];
  return std::nullopt;
}

bool date_matches(const AnswerDate& gold, const AnswerDate& stated) {
  return (gold.year == 0 || gold.year == stated.year) && (gold.month == 0 || gold.month == stated.month) &&
         (gold.day == 0 || gold.day == stated.day);
}

}  // namespace mucpt
