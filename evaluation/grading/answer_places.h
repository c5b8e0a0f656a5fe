#pragma once
// Places that qualify a place name in a gold answer ("Baltimore, Maryland", "Bolzano,
// Italy", "Randolph, Orange County"): the countries, the states and provinces of a few
// federations, and names that end in an administrative word ("County", "Province").
// SimpleQA's judge accepts the place without its qualifier, but not with another one
// ("Paris, France" for "Paris, Texas"). Tokens are answer_tokens'.
#include <string>
#include <vector>

namespace mucpt {

// All of `tokens` name such a place (postal codes such as "VA" included).
bool is_place_qualifier(const std::vector<std::string>& tokens);

// `stated` names a place that `gold` is not in and does not contain: another country,
// or another state of the same one. False when either is not known well enough to tell.
bool other_place(const std::vector<std::string>& gold, const std::vector<std::string>& stated);

}  // namespace mucpt
