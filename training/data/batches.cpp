#include "training/data/batches.h"

#include <cmath>

#include "common/config.h"
#include "training/score/reference_loss_file.h"

namespace mucpt {

Batch Batch::to(const torch::Device& device) const {
  if (device == inputs.device()) return *this;
  return {inputs.to(device), targets.to(device), ref_loss.defined() ? ref_loss.to(device) : ref_loss, mask.to(device)};
}

BatchSource::BatchSource(const TokenWindows& windows, int64_t batch_size, int rank, int ranks, uint64_t seed,
                         bool with_reference_losses, int64_t vocab_size)
    : windows_(windows),
      batch_size_(batch_size),
      rank_(rank),
      ranks_(ranks),
      seed_(seed),
      with_ref_(with_reference_losses),
      vocab_size_(vocab_size) {
  if (windows.size() == 0) throw UserError("the data holds no window of " + std::to_string(windows.seq_len() + 1) + " tokens");
  if (!with_ref_) return;
  for (size_t s = 0; s < windows.shards(); ++s) {
    const std::string path = windows.shard_prefix(s) + ".refloss";
    try {
      ref_files_.push_back(std::make_unique<ReferenceLossReader>(path));
    } catch (const std::exception& e) {
      throw UserError(std::string(e.what()) + " (token weighting needs the reference losses: run score first)");
    }
    const ReferenceLossHeader& h = ref_files_.back()->header();
    if (h.seq_len != windows.seq_len() || h.tokens != windows.shard_tokens(s))
      throw UserError(path + ": scored with seq_len " + std::to_string(h.seq_len) + " over " + std::to_string(h.tokens) +
                      " tokens; training uses seq_len " + std::to_string(windows.seq_len()) + " over " +
                      std::to_string(windows.shard_tokens(s)) + " (run score again with the same seq_len)");
  }
}

const std::vector<size_t>& BatchSource::order_of_epoch(uint64_t epoch) {
  if (epoch != cached_epoch_) {
    order_ = shuffled_order(windows_.size(), seed_ * 0x9E3779B97F4A7C15ULL + epoch);
    cached_epoch_ = epoch;
  }
  return order_;
}

std::vector<size_t> BatchSource::windows_at_step(int64_t step) {
  const uint64_t n = windows_.size();
  std::vector<size_t> mine;
  for (int64_t k = 0; k < batch_size_; ++k) {
    const uint64_t g = static_cast<uint64_t>(step) * static_cast<uint64_t>(global_batch()) +
                       static_cast<uint64_t>(rank_ * batch_size_ + k);
    mine.push_back(order_of_epoch(g / n)[g % n]);
  }
  return mine;
}

Batch BatchSource::at_step(int64_t step) {
  const int64_t T = windows_.seq_len();
  std::vector<int32_t> tokens;
  std::vector<float> ref;
  for (size_t index : windows_at_step(step)) {
    const size_t first = tokens.size();
    windows_.read(index, tokens);
    const Window w = windows_.at(index);
    for (size_t i = first; i < tokens.size(); ++i) {
      if (tokens[i] < 0 || tokens[i] >= vocab_size_)
        throw UserError(windows_.shard_prefix(w.shard) + ".bin: token " + std::to_string(tokens[i]) + " at position " +
                        std::to_string(w.start + (i - first)) + " is outside the model's vocabulary of " +
                        std::to_string(vocab_size_));
    }
    if (with_ref_) ref_files_[w.shard]->read(w.start + 1, static_cast<size_t>(T), ref);
  }
  Batch b;
  auto all = torch::from_blob(tokens.data(), {batch_size_, T + 1}, torch::kInt32).to(torch::kInt64);
  b.inputs = all.slice(1, 0, T).contiguous();
  b.targets = all.slice(1, 1, T + 1).contiguous();
  if (with_ref_) {
    b.ref_loss = torch::from_blob(ref.data(), {batch_size_, T}, torch::kFloat32).clone();
    b.mask = (~torch::isnan(b.ref_loss)).to(torch::kFloat32);
    b.ref_loss = torch::nan_to_num(b.ref_loss, 0.0);
  } else {
    b.mask = torch::ones({batch_size_, T});
  }
  return b;
}

}  // namespace mucpt
