#pragma once
// Grades a short factual answer against the gold answer and its aliases, as SimpleQA's
// LLM judge does, with rules instead of a judge model. CORRECT when the prediction
// states the gold answer:
//   date_match        the gold is a date and the answer gives it at the gold's precision
//                     ("3rd of March 1999", "1999-03-03" for "March 3, 1999")
//   number_precision  the gold is a number (with a unit) and the answer gives it to the
//                     gold's last significant figure ("about 120 kilometres" for "120 km")
//   gold_characters   a CJK gold: its characters in order
//   gold_tokens       every word and number of the gold, in any order, a unit however
//                     spelled ("5 feet 10 inches" for "5 ft 10 in"), spelling slips in
//                     names forgiven ("Fleischmann" for "Fleishmann"), but not in a
//                     name of five letters or fewer stated alone ("Borg" for "Berg")
//   partial_name      every number and at least half of the other words, the last
//                     included ("Bruce Hapke" for "Bruce W. Hapke", "V. V. Giri", a
//                     surname alone), unless another name word stands right before or
//                     after the surname ("Michael Jackson" for "George Michael") or the
//                     only words stated of a name are generic nouns ("Neuse River" for
//                     "Little River")
// (a gold place also without the place that qualifies it, "Baltimore" for "Baltimore,
// Maryland", but not with another one, "Paris, France" for "Paris, Texas": answer_places.h)
// unless the gold is one of several candidates the answer offers ("either X or Y",
// "possibly X or Y", "X or Y", "X, but possibly Y": several_candidates, INCORRECT) or is named only to be denied ("it
// was not X": gold_denied, INCORRECT). Otherwise, in this order:
// INCORRECT when it gives the gold's date without its day, even saying that the day is
// unknown (partial_date); NOT_ATTEMPTED when it is empty (empty_answer) or says it does
// not know (not_attempted_phrase), but INCORRECT when it still guesses ("not sure, but
// I think Y": hedged_guess); INCORRECT (no_match). Text is compared folded (see
// answer_tokens.h).
#include <string>
#include <string_view>
#include <vector>

#include "evaluation/grading/answer_tokens.h"

namespace mucpt {

enum class Grade { correct, incorrect, not_attempted };
const char* grade_name(Grade grade);  // "CORRECT", "INCORRECT", "NOT_ATTEMPTED"
// The grade a name stands for; false when it is none of the three.
bool parse_grade(std::string_view name, Grade& grade);

struct GradeDecision {
  Grade grade = Grade::not_attempted;
  std::string rule;  // which rule decided, one of the names above
};

// accepted: the gold answer first, then its aliases.
GradeDecision grade_answer(std::string_view predicted, const std::vector<std::string>& accepted);

}  // namespace mucpt
