#include "evaluation/grading/name_similarity.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace mucpt {

namespace {

bool is_letters(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return !(c >= '0' && c <= '9'); });
}

// Optimal string alignment distance (Levenshtein with adjacent swaps).
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

}  // namespace

bool same_name_word(const std::string& gold, const std::string& stated) {
  if (gold.size() < 4 || stated.empty() || gold[0] != stated[0] || !is_letters(gold) || !is_letters(stated))
    return false;
  const size_t allowed = gold.size() >= 8 ? 2 : 1;
  const size_t longer = std::max(gold.size(), stated.size()), shorter = std::min(gold.size(), stated.size());
  if (longer - shorter > allowed) return false;
  return edit_distance(gold, stated) <= allowed;
}

}  // namespace mucpt
