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
    add("s", {"sec", "secs", "second", "seconds"});
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
    add("sqkm", {"km2"});  // as "square kilometres" reads: "sq" and the unit
    add("sqm", {"m2"});
    add("sqmi", {"mi2"});
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

// The number at the start of a token and what is glued after it ("170cc" -> 170, "cc";
// "-5" -> -5, "").
bool split_number(const std::string& token, std::string& digits, std::string& rest) {
  size_t n = !token.empty() && token[0] == '-' ? 1 : 0;
  const size_t sign = n;
  while (n < token.size() && (is_digit(token[n]) || token[n] == '.')) ++n;
  // Longer digit runs (serial numbers, a page of digits) are no quantities.
  if (n > 24) return false;
  digits = token.substr(0, n);
  rest = token.substr(n);
  if (!is_number_token(digits.substr(sign))) return false;
  for (char c : rest)
    if (is_digit(c)) return false;
  return true;
}

bool year_like(double value) { return value >= 1000 && value <= 2100 && value == std::floor(value); }

// "1990s", "1990's" (a decade), "1800s" (a century): how many years the number stands for.
double years_spanned(const std::string& digits, const std::string& suffix) {
  if (suffix != "s" || digits.size() != 4 || digits.find_first_not_of("0123456789") != std::string::npos ||
      digits.back() != '0' || !year_like(std::stod(digits)))
    return 0;
  return digits.compare(2, 2, "00") == 0 ? 100 : 10;
}

}  // namespace

std::string unit_of(const std::string& word) {
  auto it = units().find(word);
  return it == units().end() ? "" : it->second;
}

std::string unit_at(const std::vector<std::string>& tokens, size_t k) {
  // "in" is inches only right after a number, ending the text or a measure ("10 in tall").
  static const std::set<std::string> measures = {"tall", "long", "wide", "high", "deep", "thick", "x", "by"};
  if (tokens[k] == "in")
    return k > 0 && is_number_token(tokens[k - 1]) && (k + 1 == tokens.size() || measures.count(tokens[k + 1]))
               ? "inch"
               : "";
  return unit_of(tokens[k]);
}

std::vector<StatedNumber> find_numbers(const std::vector<std::string>& tokens) {
  std::vector<StatedNumber> numbers;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string digits, rest;
    if (!split_number(tokens[i], digits, rest)) continue;
    StatedNumber n;
    n.value = std::stod(digits);
    if (const double span = years_spanned(digits, rest.empty() && i + 1 < tokens.size() ? tokens[i + 1] : rest)) {
      n.span = span;  // years, without a unit
      n.step = span;
      if (rest.empty()) ++i;
      numbers.push_back(n);
      continue;
    }
    const size_t point = digits.find('.');
    if (point != std::string::npos) {
      n.step = std::pow(10.0, -static_cast<double>(digits.size() - point - 1));
    } else {
      size_t zeros = 0;
      while (zeros + 1 < digits.size() && digits[digits.size() - 1 - zeros] == '0') ++zeros;
      n.step = std::pow(10.0, static_cast<double>(zeros));
    }
    // What follows: a multiplier ("k", "million"), then a unit, glued or the next word.
    size_t next = i + 1, at = tokens.size();  // at: the token `word` is, when not glued to the number
    std::string word = rest;
    if (word.empty() && next < tokens.size()) word = tokens[at = next++];
    double scale = multiplier(word);
    if (scale > 0) {
      at = tokens.size();
      word = next < tokens.size() ? tokens[at = next] : "";
    }
    if (word == "square" || word == "sq") {
      const size_t unit = scale > 0 ? next + 1 : (rest.empty() ? next : i + 1);
      n.unit = unit < tokens.size() && !unit_of(tokens[unit]).empty() ? "sq" + unit_of(tokens[unit]) : "";
    } else {
      n.unit = at < tokens.size() ? unit_at(tokens, at) : unit_of(word);
    }
    if (scale > 0) {
      n.value *= scale;
      n.step *= scale;
    } else if (n.unit.empty() && year_like(n.value)) {
      n.step = 1;  // "2000" as a year is exact
      n.exact = true;
    } else if (n.unit.empty() && point == std::string::npos && std::fabs(n.value) < 1000) {
      n.step = 1;  // "120" people: a count is exact
      n.exact = true;
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
  for (size_t k = 0; k < tokens.size(); ++k) {
    const std::string& t = tokens[k];
    std::string digits, rest;
    if (split_number(t, digits, rest) || filler.count(t) || !unit_at(tokens, k).empty() || multiplier(t) > 0 ||
        (t == "s" && k > 0 && years_spanned(tokens[k - 1], t) > 0))
      continue;
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
  // A decade is met by itself or a year in it; a year or a count by itself, but a
  // measure with a unit may round to it ("67.5 knots" for "68").
  if (gold.span > 0)
    return stated.span > 0 ? stated.span == gold.span && difference <= slack
                           : stated.unit.empty() && stated.value == std::floor(stated.value) &&
                                 stated.value >= gold.value && stated.value < gold.value + gold.span;
  if (stated.span > 0) return false;
  if (gold.exact && stated.unit.empty()) return difference <= slack;
  if (difference <= gold.step / 2 + slack) return true;
  // A rounder answer, within 2.5% of the gold.
  return stated.step > gold.step && difference <= stated.step / 2 + slack &&
         difference <= 0.025 * std::fabs(gold.value) + slack;
}

}  // namespace mucpt
