#include "evaluation/grading/answer_numbers.h"

#include <cmath>
#include <map>
#include <set>

#include "evaluation/grading/answer_tokens.h"

namespace mucpt {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Unit spellings, as one canonical name.
const std::map<std::string, std::string>& units() {
  static const std::map<std::string, std::string> table = [] {
    std::map<std::string, std::string> t;
    auto add = [&t](const std::string& canonical, std::initializer_list<const char*> spellings) {
      t[canonical] = canonical;
      for (const char* s : spellings) t[s] = canonical;
    };
    add("m", {"meter", "meters", "metre", "metres"});
    add("km", {"kilometer", "kilometers", "kilometre", "kilometres"});
    add("cm", {"centimeter", "centimeters", "centimetre", "centimetres"});
    add("mm", {"millimeter", "millimeters", "millimetre", "millimetres"});
    add("ft", {"foot", "feet"});
    add("inch", {"inches"});
    add("mi", {"mile", "miles"});
    add("kg", {"kilogram", "kilograms", "kilo", "kilos"});
    add("g", {"gram", "grams"});
    add("lb", {"lbs"});
    add("t", {"ton", "tons", "tonne", "tonnes"});
    add("s", {"sec", "secs", "seconds"});
    add("min", {"mins", "minute", "minutes"});
    add("h", {"hr", "hrs", "hour", "hours"});
    add("day", {"days"});
    add("week", {"weeks"});
    add("month", {"months"});
    add("year", {"years", "yr", "yrs"});
    add("%", {"percent", "pct"});
    add("w", {"watt", "watts"});
    add("kw", {"kilowatt", "kilowatts"});
    add("hp", {"horsepower"});
    add("v", {"volt", "volts"});
    add("hz", {"hertz"});
    add("khz", {});
    add("mhz", {});
    add("ghz", {});
    add("cc", {"cm3"});
    add("l", {"liter", "liters", "litre", "litres"});
    add("ml", {"milliliter", "milliliters", "millilitre", "millilitres"});
    add("kn", {"knot", "knots"});
    add("mph", {});
    add("usd", {"dollar", "dollars"});
    add("eur", {"euro", "euros"});
    return t;
  }();
  return table;
}

double multiplier(const std::string& word) {
  if (word == "k" || word == "thousand") return 1e3;
  if (word == "million" || word == "millions" || word == "mn") return 1e6;
  if (word == "billion" || word == "billions" || word == "bn") return 1e9;
  return 0;
}

// The number at the start of a token and what is glued after it ("170cc" -> 170, "cc").
bool split_number(const std::string& token, std::string& digits, std::string& rest) {
  size_t n = 0;
  while (n < token.size() && (is_digit(token[n]) || token[n] == '.')) ++n;
  // Longer digit runs (serial numbers, a page of digits) are no quantities.
  if (n > 24) return false;
  digits = token.substr(0, n);
  rest = token.substr(n);
  if (!is_number_token(digits)) return false;
  for (char c : rest)
    if (is_digit(c)) return false;
  return true;
}

bool year_like(double value) { return value >= 1000 && value <= 2100 && value == std::floor(value); }

}  // namespace

std::string unit_of(const std::string& word) {
  auto it = units().find(word);
  return it == units().end() ? "" : it->second;
}

std::vector<StatedNumber> find_numbers(const std::vector<std::string>& tokens) {
  std::vector<StatedNumber> numbers;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string digits, rest;
    if (!split_number(tokens[i], digits, rest)) continue;
    StatedNumber n;
    n.value = std::stod(digits);
    const size_t point = digits.find('.');
    if (point != std::string::npos) {
      n.step = std::pow(10.0, -static_cast<double>(digits.size() - point - 1));
    } else {
      size_t zeros = 0;
      while (zeros + 1 < digits.size() && digits[digits.size() - 1 - zeros] == '0') ++zeros;
      n.step = std::pow(10.0, static_cast<double>(zeros));
    }
    // What follows: a multiplier ("k", "million"), then a unit, glued or the next word.
    size_t next = i + 1;
    std::string word = rest;
    if (word.empty() && next < tokens.size()) word = tokens[next++];
    double scale = multiplier(word);
    if (scale > 0) word = next < tokens.size() ? tokens[next] : "";
    if (word == "square" || word == "sq") {
      const size_t at = scale > 0 ? next + 1 : (rest.empty() ? next : i + 1);
      n.unit = at < tokens.size() && !unit_of(tokens[at]).empty() ? "sq" + unit_of(tokens[at]) : "";
    } else {
      n.unit = unit_of(word);
    }
    if (scale > 0) {
      n.value *= scale;
      n.step *= scale;
    } else if (n.unit.empty() && year_like(n.value)) {
      n.step = 1;  // "2000" as a year is exact
    } else if (n.unit.empty() && point == std::string::npos && n.value < 1000) {
      n.step = 1;  // "120" people: a count is exact
    }
    numbers.push_back(n);
  }
  return numbers;
}

std::optional<StatedNumber> number_answer(const std::vector<std::string>& tokens) {
  static const std::set<std::string> filler = {"a", "an", "the", "of", "about", "approximately", "around", "c",
                                               "circa", "over", "roughly", "some", "nearly", "almost"};
  std::vector<StatedNumber> numbers = find_numbers(tokens);
  if (numbers.size() != 1) return std::nullopt;
  size_t words = 0;
  for (const auto& t : tokens) {
    std::string digits, rest;
    if (split_number(t, digits, rest) || filler.count(t) || !unit_of(t).empty() || multiplier(t) > 0) continue;
    if (month_number(t) > 0) return std::nullopt;  // a date
    ++words;
  }
  if (words > 2) return std::nullopt;
  return numbers[0];
}

bool number_matches(const StatedNumber& gold, const StatedNumber& stated) {
  if (!gold.unit.empty() && !stated.unit.empty() && gold.unit != stated.unit) return false;
  const double slack = 1e-9 * std::max(1.0, std::fabs(gold.value));
  const double difference = std::fabs(stated.value - gold.value);
  if (difference <= gold.step / 2 + slack) return true;
  // A rounder answer, within 2.5% of the gold.
  return stated.step > gold.step && difference <= stated.step / 2 + slack &&
         difference <= 0.025 * std::fabs(gold.value) + slack;
}

}  // namespace mucpt
