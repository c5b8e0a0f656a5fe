#include "evaluation/grading/answer_phrases.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace mucpt {

namespace {

bool contains_any(const std::string& text, std::initializer_list<const char*> phrases) {
  return std::any_of(phrases.begin(), phrases.end(), [&](const char* p) { return text.find(p) != std::string::npos; });
}

}  // namespace

Unanswered unanswered_kind(const std::string& folded) {
  const bool declines = contains_any(
      folded, {"not explicitly", "could not",     "cannot be",        "can not",          "unable to",
               "not available",  "no information", "not specified",   "not found",        "not mentioned",
               "unclear",        "unknown",        "i don't know",    "i do not know",    "not provided",
               "no record",      "not identified", "not determined",  "not documented",   "not clear",
               "does not specify", "did not find", "no specific",     "not publicly",     "no definitive",
               "not disclosed",  "is not known",   "not possible",    "not sure",         "no idea",
               "cannot answer",  "can't answer",   "cannot provide",  "can't provide",    "cannot determine",
               "can't determine", "cannot confirm", "can't confirm",  "couldn't find",    "don't have",
               "do not have",    "need more context", "need more information", "not certain", "not aware", "not specifically",
               "not clearly",    "no clear",       "not been publicly", "not been disclosed", "not been documented",
               "not been reported", "not been identified"});
  if (!declines) return Unanswered::no;
  // "I'm not sure, but I think it is Y": a guess, graded like any other statement.
  const bool guesses = contains_any(folded, {"i think", "i believe", "my best guess", "my guess", "probably"});
  return guesses ? Unanswered::guessed : Unanswered::declined;
}

namespace {

bool is_hedge(const std::string& t) { return t == "possibly" || t == "perhaps" || t == "maybe"; }

// A candidate answer starts (or, going back, ends) at tokens[k]: a number or a name.
bool is_candidate_word(const std::vector<std::string>& tokens, const std::vector<TokenMarks>& marks, size_t k) {
  static const std::set<std::string> not_names = {"i", "it", "the", "a", "an", "he", "she", "they", "this", "that"};
  const std::string& t = tokens[k];
  const bool number = !t.empty() && (t[0] == '-' ? t.size() > 1 && std::isdigit(static_cast<unsigned char>(t[1]))
                                                 : std::isdigit(static_cast<unsigned char>(t[0])));
  return number || (k < marks.size() && marks[k].capital && !not_names.count(t));
}

// The candidate at tokens[k] (its words from k on, or back from k) restates the gold:
// "Mozart (or Wolfgang Amadeus Mozart)".
bool restates_gold(const std::vector<std::string>& tokens, const std::vector<TokenMarks>& marks, size_t k, int dir,
                   const std::set<std::string>& gold) {
  for (int n = 0; n < 5 && k < tokens.size() && is_candidate_word(tokens, marks, k); ++n, k += dir) {
    if (gold.count(tokens[k])) return true;
    if (k == 0 && dir < 0) break;
  }
  return false;
}

}  // namespace

bool offers_alternatives(const std::vector<std::string>& tokens, const std::vector<TokenMarks>& marks,
                         const std::vector<std::string>& gold_tokens) {
  const std::set<std::string> gold(gold_tokens.begin(), gold_tokens.end());
  const bool gold_says_or = gold.count("or") > 0;  // "Either/Or"
  const bool or_said = std::find(tokens.begin(), tokens.end(), "or") != tokens.end();
  if (or_said && !gold_says_or &&
      std::any_of(tokens.begin(), tokens.end(), [](const std::string& t) { return t == "either" || is_hedge(t); }))
    return true;
  static const std::set<std::string> skipped = {"the", "a", "an", "in", "even", "also", "possibly", "perhaps", "maybe"};
  static const std::set<std::string> alias = {"known", "aka", "called", "named", "spelled", "spelt", "written", "alias",
                                              "formerly", "officially", "nicknamed", "titled"};
  const auto next_word = [&](size_t k) {
    while (k < tokens.size() && skipped.count(tokens[k])) ++k;
    return k;
  };
  for (size_t k = 0; k < tokens.size(); ++k) {
    // "Paris, but possibly Lyon": a hedge before another candidate.
    if (is_hedge(tokens[k])) {
      const size_t c = next_word(k + 1);
      if (c < tokens.size() && is_candidate_word(tokens, marks, c) && !restates_gold(tokens, marks, c, 1, gold))
        return true;
    }
    if (tokens[k] != "or" || gold_says_or || k == 0 || k + 1 >= tokens.size()) continue;
    const size_t from = k >= 6 ? k - 6 : 0;
    const auto names_alias = [&](const std::string& t) { return alias.count(t) > 0; };
    if (std::any_of(tokens.begin() + from, tokens.begin() + k, names_alias)) continue;  // "known as X or Y": one thing
    // "Mozart or Haydn", "5 or 6", "1979 or 1980": the gold beside "or", another candidate across it.
    const size_t after = next_word(k + 1);
    if (after >= tokens.size()) continue;
    if (gold.count(tokens[k - 1]) && is_candidate_word(tokens, marks, after) &&
        !restates_gold(tokens, marks, after, 1, gold))
      return true;
    if (gold.count(tokens[after]) && is_candidate_word(tokens, marks, k - 1) &&
        !restates_gold(tokens, marks, k - 1, -1, gold))
      return true;
  }
  return false;
}

}  // namespace mucpt
