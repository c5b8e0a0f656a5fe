#pragma once
// Few-shot examples for a benchmark item: k other items drawn from a pool (a separate
// file, or the benchmark itself) with a fixed seed. Each candidate is ranked by a hash of
// the seed, the item's id and its own id, so the draw for an item depends on nothing else
// (not on the rank count, the item's place or the other items drawn), and never includes
// the item itself (the same id, or the same question).
#include <cstdint>
#include <vector>

#include "common/benchmark/benchmark.h"

namespace mucpt {

// The k examples for item, in their drawn order. Throws UserError when the pool holds
// fewer than k items other than it.
std::vector<const BenchmarkItem*> draw_fewshot_examples(const BenchmarkItem& item,
                                                        const std::vector<BenchmarkItem>& pool, int k,
                                                        uint64_t seed);

}  // namespace mucpt
