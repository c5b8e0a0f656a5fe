#include "evaluation/generation/fewshot.h"

#include <algorithm>
#include <string>
#include <utility>

#include "common/config.h"
#include "common/hashing.h"

namespace mucpt {

std::vector<const BenchmarkItem*> draw_fewshot_examples(const BenchmarkItem& item,
                                                        const std::vector<BenchmarkItem>& pool, int k,
                                                        uint64_t seed) {
  const uint64_t item_seed = hash64(item.id, seed);
  std::vector<std::pair<uint64_t, const BenchmarkItem*>> ranked;
  for (const auto& candidate : pool)
    if (candidate.id != item.id && candidate.question != item.question)
      ranked.emplace_back(hash64(candidate.id, item_seed), &candidate);
  if (k <= 0) return {};
  if (ranked.size() < static_cast<size_t>(k))
    throw UserError("fewshot: " + std::to_string(k) + " examples asked for item '" + item.id + "', but the pool has " +
                    std::to_string(ranked.size()) + " other items");
  // Ties of the 64-bit hash (equal ids) fall back to the pool's order.
  std::partial_sort(ranked.begin(), ranked.begin() + k, ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second < b.second;
  });
  std::vector<const BenchmarkItem*> shots;
  for (int i = 0; i < k; ++i) shots.push_back(ranked[static_cast<size_t>(i)].second);
  return shots;
}

}  // namespace mucpt
