#pragma once
// The batches of a data-parallel run, decided by the step alone (so a resumed run
// continues exactly): each epoch visits every window once in an order shuffled by the
// seed and the epoch; step s takes the global batch s (batch_size windows per rank x
// ranks) and this rank its own slice. With reference losses, each target token comes
// with the loss `score` stored for it. A token outside the model's vocabulary stops the
// run with the shard and position named, on whichever rank reads it.
#include <torch/torch.h>

#include <memory>
#include <string>
#include <vector>

#include "training/data/token_windows.h"
#include "training/score/reference_loss_file.h"

namespace mucpt {

struct Batch {
  torch::Tensor inputs, targets;  // [B, T] int64
  torch::Tensor ref_loss;         // [B, T] float32 (undefined without reference losses)
  torch::Tensor mask;             // [B, T] float32: 1 where a token counts
  Batch to(const torch::Device& device) const;
};

class BatchSource {
 public:
  BatchSource(const TokenWindows& windows, int64_t batch_size, int rank, int ranks, uint64_t seed,
              bool with_reference_losses, int64_t vocab_size);
  Batch at_step(int64_t step);
  // The windows this rank reads at a step, in batch order.
  std::vector<size_t> windows_at_step(int64_t step);
  int64_t global_batch() const { return batch_size_ * ranks_; }

 private:
  const std::vector<size_t>& order_of_epoch(uint64_t epoch);

  const TokenWindows& windows_;
  int64_t batch_size_;
  int rank_, ranks_;
  uint64_t seed_;
  bool with_ref_;
  int64_t vocab_size_;
  std::vector<std::unique_ptr<ReferenceLossReader>> ref_files_;  // per shard, kept open
  uint64_t cached_epoch_ = UINT64_MAX;
  std::vector<size_t> order_;
};

}  // namespace mucpt
