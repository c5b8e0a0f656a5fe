#pragma once
// Every token of a shard must be an id the model has: one outside [0, vocab_size) would
// index past the embedding. The whole stream is checked, the tail no window uses
// included, since a stray id there means the data was packed with another tokenizer.
#include <cstdint>

#include "training/data/token_windows.h"

namespace mucpt {

// The first position in [begin, end) of the shard's stream whose id is outside
// [0, vocab_size), or end when every id is inside.
uint64_t first_token_outside_vocabulary(const TokenWindows& windows, size_t shard, int64_t vocab_size, uint64_t begin,
                                        uint64_t end);

// The same over the whole shard, the ranks sharing the scan; throws UserError on every
// rank, naming the shard's .bin, the position and the id.
void check_shard_vocabulary(const TokenWindows& windows, size_t shard, int64_t vocab_size, int rank, int ranks);

}  // namespace mucpt
