#include "training/data/vocabulary_check.h"

#include <algorithm>
#include <vector>

#include "common/config.h"
#include "common/mpi_context.h"

namespace mucpt {

uint64_t first_token_outside_vocabulary(const TokenWindows& windows, size_t shard, int64_t vocab_size, uint64_t begin,
                                        uint64_t end) {
  constexpr uint64_t kBlock = uint64_t(1) << 20;
  std::vector<int32_t> ids;
  for (uint64_t at = begin; at < end; at += kBlock) {
    ids.clear();
    windows.read_tokens(shard, at, static_cast<size_t>(std::min(kBlock, end - at)), ids);
    for (size_t i = 0; i < ids.size(); ++i)
      if (ids[i] < 0 || ids[i] >= vocab_size) return at + i;
  }
  return end;
}

void check_shard_vocabulary(const TokenWindows& windows, size_t shard, int64_t vocab_size, int rank, int ranks) {
  const uint64_t tokens = windows.shard_tokens(shard);
  const uint64_t begin = tokens * static_cast<uint64_t>(rank) / static_cast<uint64_t>(ranks);
  const uint64_t end = tokens * static_cast<uint64_t>(rank + 1) / static_cast<uint64_t>(ranks);
  const uint64_t mine = first_token_outside_vocabulary(windows, shard, vocab_size, begin, end);
  // The smallest position over the ranks (a rank with none reports the shard's end).
  const uint64_t first = ~mpi_max(~(mine < end ? mine : tokens));
  if (first == tokens) return;
  std::vector<int32_t> id;
  windows.read_tokens(shard, first, 1, id);
  throw UserError(windows.shard_prefix(shard) + ".bin: token " + std::to_string(first) + " is id " +
                  std::to_string(id[0]) + ", outside the model's vocabulary of " + std::to_string(vocab_size) +
                  " (packed with another tokenizer?)");
}

}  // namespace mucpt
