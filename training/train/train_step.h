#pragma once
// The gradients of one optimizer step: the global batch (batch_size windows per rank x
// grad_accum micro-batches x ranks) run in grad_accum forward and backward passes whose
// gradients add up. Token weights and the loss's denominator are taken over the whole
// global batch, so any split of the same windows into ranks and micro-batches gives the
// same gradient. Weighted modes with several micro-batches first run every
// micro-batch without gradients to weigh all tokens together. With a reference model,
// its losses are computed in the step (no gradients) in place of score's stored ones.
#include <cstdint>
#include <vector>

#include "training/data/batches.h"
#include "training/model/llama.h"
#include "training/weighting/token_weights.h"

namespace mucpt {

// This rank's part of the step's figures (summed over the ranks by the caller).
// Token weights are counted in bins of kWeightBinWidth; the last bin holds every
// weight at or above its lower edge.
constexpr int kWeightBins = 33;
constexpr double kWeightBinWidth = 0.25;

struct StepTotals {
  double token_loss = 0;     // sum of the per-token losses over real tokens
  double weighted_loss = 0;  // sum of this rank's micro-batch losses
  double real_tokens = 0;
  std::vector<double> weight_histogram = std::vector<double>(kWeightBins, 0.0);  // real tokens per bin
};

// bfloat16: the trained model's forward passes run under bfloat16 autocast (the
// parameters, gradients, losses and weights stay float32). sliced_loss_logits > 0: the
// output head and the loss take at most that many logits at once (token_losses.h).
StepTotals accumulate_step_gradients(LlamaForCausalLM& model, BatchSource& batches, int64_t step, int64_t grad_accum,
                                     const WeightOptions& weighting, const GlobalSum& global_sum, int ranks,
                                     LlamaForCausalLM* reference = nullptr, bool bfloat16 = false,
                                     int64_t sliced_loss_logits = 0);

}  // namespace mucpt
