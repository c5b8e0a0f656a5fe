#include "evaluation/grading/answer_phrases.h"

#include <algorithm>
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

bool offers_alternatives(const std::vector<std::string>& tokens) {
  static const std::set<std::string> markers = {"either", "possibly", "perhaps", "maybe"};
  return std::find(tokens.begin(), tokens.end(), "or") != tokens.end() &&
         std::any_of(tokens.begin(), tokens.end(), [](const std::string& t) { return markers.count(t) > 0; });
}

}  // namespace mucpt
