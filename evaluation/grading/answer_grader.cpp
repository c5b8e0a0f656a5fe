#include "evaluation/grading/answer_grader.h"

#include <algorithm>
#include <set>

#include "evaluation/grading/answer_dates.h"
#include "evaluation/grading/answer_numbers.h"
#include "evaluation/grading/answer_phrases.h"
#include "evaluation/grading/answer_places.h"
#include "evaluation/grading/name_similarity.h"

namespace mucpt {

const char* grade_name(Grade grade) {
  switch (grade) {
    case Grade::correct: return "CORRECT";
    case Grade::incorrect: return "INCORRECT";
    case Grade::not_attempted: return "NOT_ATTEMPTED";
  }
  return "?";
}

bool parse_grade(std::string_view name, Grade& grade) {
  for (Grade g : {Grade::correct, Grade::incorrect, Grade::not_attempted})
    if (name == grade_name(g)) {
      grade = g;
      return true;
    }
  return false;
}

namespace {

// An answer's text in the forms the rules compare.
struct AnswerText {
  explicit AnswerText(std::string_view text)
      : folded(fold_answer(text)), tokens(answer_tokens(text)), marks(token_marks(text)),
        present(tokens.begin(), tokens.end()), dates(find_dates(folded, tokens)), numbers(find_numbers(tokens)) {
    for (size_t k = 0; k < tokens.size(); ++k)
      if (const std::string unit = unit_at(tokens, k); !unit.empty()) units.insert(unit);
    marks.resize(tokens.size());
    for (const auto& m : marks) cased = cased || m.capital;
  }
  std::string folded;
  std::vector<std::string> tokens;
  std::vector<TokenMarks> marks;  // per token
  bool cased = false;             // some word is capitalised: capitals tell names from other words
  std::set<std::string> present, units;
  std::vector<AnswerDate> dates;
  std::vector<StatedNumber> numbers;
};

// Words that carry no answer by themselves.
bool is_stop_word(const std::string& t) {
  static const std::set<std::string> stop = {"a",   "an",  "the", "of",   "in",   "on",      "at",   "to",  "and",
                                             "for", "by",  "de",  "la",   "le",   "von",     "van",  "der", "is",
                                             "was", "s",   "from", "between", "it", "approximately", "about",
                                             "around"};
  return stop.count(t) > 0;
}

// Words a gold may carry that an answer may leave out: initials ("W." in "Bruce W.
// Hapke") and the legal form of a club or company ("Liverpool F.C.", "Acme Inc.").
bool is_optional_word(const std::string& t) {
  static const std::set<std::string> optional = {"fc", "afc", "cf", "sc", "inc", "ltd", "co", "corp", "llc", "plc"};
  return (t.size() == 1 && !is_number_token(t)) || optional.count(t) > 0;
}

// A gold word the answer states: as is, as the same unit ("metres" for "m"), as two
// words ("narrow boat" for "narrowboat") or, where slips are forgiven, with a spelling
// slip in a name.
bool states_word(const std::string& word, const AnswerText& text, bool slips = true) {
  if (text.present.count(word)) return true;
  if (const std::string unit = unit_of(word); !unit.empty() && text.units.count(unit)) return true;
  for (size_t k = 0; k + 1 < text.tokens.size(); ++k)
    if (text.tokens[k].size() < word.size() && word.compare(0, text.tokens[k].size(), text.tokens[k]) == 0 &&
        word.compare(text.tokens[k].size(), std::string::npos, text.tokens[k + 1]) == 0)
      return true;
  return slips && std::any_of(text.present.begin(), text.present.end(),
                              [&](const std::string& t) { return same_name_word(word, t); });
}

// A short name that alone stands for the gold is another name when one letter differs
// ("Berg" and "Borg", "Weber" and "Webern"); a longer one is a slip ("Shanthi" for "Shanti").
constexpr size_t kShortestLoneSlip = 6;

// A name's word the answer gives as its initial ("V. V. Giri" for "Varahagiri Venkata Giri").
bool states_initial(const std::string& word, const AnswerText& text) {
  const std::string initial = word.substr(0, 1);
  return initial != "a" && initial != "i" && !is_number_token(word) && text.present.count(initial) > 0;
}

// A given name in the answer that may be the gold's: the same word, a spelling slip,
// its initial or a short form ("Dave" for "David", "Terry" for "Terrence").
bool may_be_gold_word(const std::string& word, const std::vector<std::string>& gold_words) {
  return std::any_of(gold_words.begin(), gold_words.end(), [&](const std::string& g) {
    return g == word || same_name_word(g, word) || (word.size() == 1 && g[0] == word[0]) ||
           (word.size() >= 3 && g.size() >= 3 && g.compare(0, 3, word, 0, 3) == 0);
  });
}

// Nouns that end many names ("Neuse River", "Democratic Party"): stated alone, they do
// not name the gold's one.
bool is_generic_noun(const std::string& t) {
  static const std::set<std::string> generic = {
      "river",   "lake",     "sea",      "ocean",    "bay",      "gulf",      "creek",    "falls",    "glacier",
      "mountain", "mountains", "mount",  "hill",     "hills",    "valley",    "island",   "islands",  "peninsula",
      "desert",  "forest",   "park",     "road",     "street",   "avenue",    "lane",     "square",   "bridge",
      "canal",   "city",     "town",     "village",  "county",   "district",  "province", "region",   "state",
      "kingdom", "republic", "empire",   "party",    "system",   "school",    "college",  "university", "academy",
      "institute", "museum", "library",  "hospital", "church",   "cathedral", "temple",   "palace",   "castle",
      "fort",    "station",  "airport",  "stadium",  "theatre",  "theater",   "hall",     "house",    "tower",
      "hotel",   "inn",      "company",  "corporation", "records", "group",   "band",     "club",     "society",
      "association", "foundation", "council", "committee", "ministry", "department", "award", "prize", "medal",
      "cup",     "league",   "festival", "show",     "series",   "album",     "song",     "magazine", "journal",
      "newspaper", "war",    "battle",   "treaty",   "act",      "line",      "railway",  "center",   "centre"};
  return generic.count(t) > 0;
}

// A word of the answer that may be part of a name: capitalised, or any word but a stop
// word where the answer does not capitalise the name it is next to ("robbie williams").
bool name_word(const AnswerText& text, size_t k, bool uncased) {
  return (text.marks[k].capital || uncased) && !is_stop_word(text.tokens[k]);
}

// A surname alone names the gold's person unless the answer gives it another name
// ("Henry Long" for "Jane Long", "Voyager Sound Records" for "Pilot Sound Records",
// "Michael Jackson" for "George Michael"): true when some mention of `last` follows
// name words that may all be the gold's, or ones among which the gold's first word
// stands (a middle name or a title between: "David Cunningham Garroway" for "Dave
// Garroway"), or follows none and is not followed by a name word that is not the gold's.
bool names_gold_person(const std::vector<std::string>& gold_words, bool last_capital, const AnswerText& text) {
  static const std::set<std::string> suffixes = {"jr", "sr", "ii", "iii", "iv"};
  const std::string& last = gold_words.back();
  const std::vector<std::string> first{gold_words.front()};
  for (size_t k = 0; k < text.tokens.size(); ++k) {
    if (text.tokens[k] != last && !same_name_word(last, text.tokens[k])) continue;
    // A name the answer writes in lower case: its neighbours are judged without capitals
    // (not a generic noun's: "radio show" for "Chesterfield Show" is no other name).
    const bool uncased = last_capital && !is_generic_noun(last) && (!text.cased || !text.marks[k].capital);
    size_t given = 0;
    bool all_gold = true, first_given = false;
    for (size_t b = k; b > 0 && given < 3 && name_word(text, b - 1, uncased); --b) {
      ++given;
      all_gold = all_gold && may_be_gold_word(text.tokens[b - 1], gold_words);
      first_given = first_given || may_be_gold_word(text.tokens[b - 1], first);
    }
    if (first_given || (given > 0 && all_gold)) return true;
    if (given > 0) continue;
    const size_t after = k + 1;
    if (after < text.tokens.size() && text.marks[after].after_space && name_word(text, after, uncased) &&
        !suffixes.count(text.tokens[after]) && !may_be_gold_word(text.tokens[after], gold_words))
      continue;
    return true;
  }
  return false;
}


// "gold_tokens" when the answer states every word of the gold, "partial_name" when it
// states enough of them (a surname alone, initials), "" otherwise. marks: the gold's
// token_marks.
std::string gold_tokens_rule(const std::vector<std::string>& gold, const std::vector<TokenMarks>& marks,
                             const AnswerText& text) {
  std::vector<size_t> key;
  for (size_t i = 0; i < gold.size(); ++i)
    if ((!is_stop_word(gold[i]) && !is_optional_word(gold[i])) || unit_at(gold, i) == "inch") key.push_back(i);
  if (key.empty())
    for (size_t i = 0; i < gold.size(); ++i)
      if (!is_stop_word(gold[i])) key.push_back(i);
  if (key.empty())
    for (size_t i = 0; i < gold.size(); ++i) key.push_back(i);
  std::vector<std::string> words;
  std::vector<bool> capital;  // per word: capitalised in the gold
  bool any_number = false;
  for (size_t i : key) {
    if (is_number_token(gold[i])) {
      if (!text.present.count(gold[i])) return "";  // every number must be stated
      any_number = true;
    } else {
      const std::string unit = unit_at(gold, i);
      words.push_back(unit == "inch" ? unit : gold[i]);  // "10 in": the unit, not the word "in"
      capital.push_back(i < marks.size() && marks[i].capital);
    }
  }
  if (words.empty()) return any_number ? "gold_tokens" : "";
  size_t hits = 0, initials = 0, specific_hits = 0;
  bool proper = false;  // a name: some word before the last is capitalised
  for (size_t i = 0; i < words.size(); ++i) {
    if (states_word(words[i], text)) {
      ++hits;
      if (!is_generic_noun(words[i])) ++specific_hits;
    } else if (states_initial(words[i], text)) {
      ++initials;
    }
    proper = proper || (i + 1 < words.size() && capital[i]);
  }
  const bool lone = words.size() == 1 || (hits == 1 && initials == 0);
  if (lone && words.back().size() < kShortestLoneSlip && !states_word(words.back(), text, false)) return "";
  if (hits == words.size()) return "gold_tokens";
  if (!states_word(words.back(), text)) return "";
  if (proper && specific_hits == 0) return "";  // "Neuse River" for "Little River"
  if (hits + initials == words.size() && hits > 0) return "partial_name";
  return 2 * hits >= words.size() && names_gold_person(words, capital.back(), text) ? "partial_name" : "";
}

// The rule by which `text` states the accepted answer `form`; "" when it does not.
std::string stating_rule(const std::string& form, const AnswerText& text) {
  if (const auto date = date_answer(form)) {
    for (const auto& d : text.dates)
      if (date_matches(*date, d)) return "date_match";
    return "";
  }
  const std::vector<std::string> gold = answer_tokens(form);
  if (gold.empty()) return "";
  if (std::any_of(gold.begin(), gold.end(), has_cjk))  // characters in order
    return std::search(text.tokens.begin(), text.tokens.end(), gold.begin(), gold.end()) != text.tokens.end()
               ? "gold_characters"
               : "";
  if (const auto number = number_answer(gold)) {
    for (const auto& n : text.numbers)
      if (number_matches(*number, n)) return "number_precision";
    return "";
  }
  return gold_tokens_rule(gold, token_marks(form), text);
}

// One form of an accepted answer; a place cut off its qualifier keeps it ("Baltimore"
// of "Baltimore, Maryland" keeps "maryland"), to refuse an answer that names another.
struct AcceptedForm {
  std::string text;
  std::vector<std::string> qualifier;
};

// "University of Wisconsin, Madison": a campus.
bool is_institution(const std::vector<std::string>& head) {
  return std::any_of(head.begin(), head.end(), [](const std::string& t) {
    return t == "university" || t == "college" || t == "institute" || t == "school";
  });
}

// The gold's forms: as given, without what it adds in brackets ("4.5 m (15 ft)",
// "Heidelberg (024)", "... Sandwich Beams[1]"), and a place without the place that
// qualifies it ("Baltimore, Maryland", "University of Wisconsin, Madison"), as the judge
// accepts it. Other text after one comma is no qualifier ("Earth, Wind & Fire").
std::vector<AcceptedForm> accepted_forms(const std::vector<std::string>& accepted) {
  std::vector<AcceptedForm> forms;
  for (const auto& answer : accepted) {
    forms.push_back({answer, {}});
    std::string bare;
    int depth = 0;
    for (char c : answer) {
      if (c == '(' || c == '[') ++depth;
      else if ((c == ')' || c == ']') && depth > 0) --depth;
      else if (depth == 0) bare += c;
    }
    if (bare != answer && !answer_tokens(bare).empty()) forms.push_back({bare, {}});
    const size_t comma = bare.find(',');
    if (comma != std::string::npos && bare.find(',', comma + 1) == std::string::npos) {
      const auto head = answer_tokens(bare.substr(0, comma)), tail = answer_tokens(bare.substr(comma + 1));
      if (!head.empty() && !tail.empty() && !date_answer(bare) &&
          (is_place_qualifier(tail) || (is_institution(head) && tail.size() <= 2 &&
                                        std::none_of(tail.begin(), tail.end(), is_number_token))))
        forms.push_back({bare.substr(0, comma), tail});
    }
  }
  return forms;
}

// The answer qualifies the gold's place with another one ("Paris, France" for the
// "Paris" of "Paris, Texas").
bool names_other_place(const AcceptedForm& form, const AnswerText& text) {
  const std::vector<std::string> head = answer_tokens(form.text);
  for (size_t k = 0; k + 1 < text.tokens.size(); ++k) {
    if (text.tokens[k] != head.back() || text.marks[k + 1].after_space) continue;
    for (size_t n = 1; n <= 4 && k + 1 + n <= text.tokens.size(); ++n)
      if (other_place(form.qualifier, {text.tokens.begin() + k + 1, text.tokens.begin() + k + 1 + n})) return true;
  }
  return false;
}

// The answer's sentences and clauses: "either X or Y" is judged within its clause.
std::vector<std::string_view> clauses(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    const bool end = i == text.size() || text[i] == ';' || text[i] == '\n' || text[i] == '?' || text[i] == '!' ||
                     (text[i] == '.' && (i + 1 == text.size() || text[i + 1] == ' '));
    if (!end) continue;
    if (i > start) out.push_back(text.substr(start, i - start));
    start = i + 1;
  }
  return out;
}

// True when the answer offers the gold only as one of several candidates: the clauses
// that state it all name alternatives ("either", "or possibly").
bool gold_among_candidates(std::string_view predicted, const std::vector<std::string>& forms) {
  bool among = false;
  for (std::string_view clause : clauses(predicted)) {
    const AnswerText part(clause);
    const auto stated = std::find_if(forms.begin(), forms.end(),
                                     [&](const std::string& f) { return !stating_rule(f, part).empty(); });
    if (stated == forms.end()) continue;
    if (!offers_alternatives(part.tokens, part.marks, answer_tokens(*stated))) return false;
    among = true;
  }
  return among;
}

// A negation right before the gold's first word, or one word before it across a
// linking word: "not Miles Davis", "wasn't Miles Davis", "not by Miles Davis". "Not
// only" and "not just" add rather than deny.
bool denied_before(const std::vector<std::string>& tokens, const std::vector<std::string>& gold) {
  static const std::set<std::string> negations = {"not", "never", "nor", "isnt", "wasnt", "werent", "arent", "t"};
  static const std::set<std::string> linking = {"by", "the", "a", "an", "was", "is", "in", "from", "of"};
  if (gold.empty()) return false;
  const auto at = std::find(tokens.begin(), tokens.end(), gold.front());
  const size_t i = static_cast<size_t>(at - tokens.begin());
  if (at == tokens.end() || i == 0) return false;
  const auto negates = [&](size_t k) {
    const bool adds = k + 1 < tokens.size() && (tokens[k + 1] == "only" || tokens[k + 1] == "just");
    return negations.count(tokens[k]) > 0 && !adds;
  };
  return negates(i - 1) || (i >= 2 && linking.count(tokens[i - 1]) > 0 && negates(i - 2));
}

// True when every clause that states the gold denies it ("It was not Miles Davis, it was
// John Coltrane"): SimpleQA's grader takes an answer that contradicts the gold as wrong.
bool gold_denied(std::string_view predicted, const std::vector<std::string>& forms) {
  bool denied = false;
  for (std::string_view clause : clauses(predicted)) {
    const AnswerText part(clause);
    bool states = false, denies = false;
    for (const auto& form : forms) {
      if (stating_rule(form, part).empty()) continue;
      states = true;
      denies = denies || denied_before(part.tokens, answer_tokens(form));
    }
    if (!states) continue;
    if (!denies) return false;
    denied = true;
  }
  return denied;
}

}  // namespace

GradeDecision grade_answer(std::string_view predicted, const std::vector<std::string>& accepted) {
  const AnswerText text(predicted);
  if (text.tokens.empty()) return {Grade::not_attempted, "empty_answer"};
  const std::vector<AcceptedForm> accepted_form = accepted_forms(accepted);
  std::vector<std::string> forms;
  for (const auto& form : accepted_form) forms.push_back(form.text);
  for (const auto& form : accepted_form) {
    const std::string rule = stating_rule(form.text, text);
    if (rule.empty() || (!form.qualifier.empty() && names_other_place(form, text))) continue;
    if (gold_among_candidates(predicted, forms)) return {Grade::incorrect, "several_candidates"};
    if (gold_denied(predicted, forms)) return {Grade::incorrect, "gold_denied"};
    return {Grade::correct, rule};
  }
  // "December 1896" for "December 25, 1896": a committed answer short of the gold's
  // precision, which the judge takes as wrong even when the answer says the day is unknown.
  for (const auto& form : forms)
    if (const auto date = date_answer(form); date && date->day != 0 && date->year != 0)
      for (const auto& d : text.dates)
        if (d.day == 0 && d.month == date->month && d.year == date->year) return {Grade::incorrect, "partial_date"};
  switch (unanswered_kind(text.folded)) {
    case Unanswered::declined: return {Grade::not_attempted, "not_attempted_phrase"};
    case Unanswered::guessed: return {Grade::incorrect, "hedged_guess"};
    case Unanswered::no: break;
  }
  return {Grade::incorrect, "no_match"};
}

}  // namespace mucpt
