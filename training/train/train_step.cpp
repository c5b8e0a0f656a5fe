#include "training/train/train_step.h"

#include <vector>

#include "training/model/autocast.h"
#include "training/model/token_losses.h"

namespace mucpt {

namespace {

// The loss of every target token, [B, T]; the weighting pre-pass takes the same path
// without gradients, so its losses are the training pass's bit for bit.
torch::Tensor token_losses(LlamaForCausalLM& model, const Batch& batch, int64_t sliced_loss_logits) {
  const int64_t per_slice = sliced_loss_logits > 0 ? sliced_loss_logits : kWholeBatchLogits;
  return token_losses_with_grad(model, batch.inputs, batch.targets, per_slice).view_as(batch.mask);
}

torch::Tensor reference_of(const Batch& batch) {
  return batch.ref_loss.defined() ? batch.ref_loss : torch::zeros_like(batch.mask);
}

// Weights for every micro-batch, chosen and normalised over all of them together.
std::vector<torch::Tensor> weights_over_micro_batches(LlamaForCausalLM& model, const std::vector<Batch>& micro,
                                                      const WeightOptions& weighting, const GlobalSum& global_sum,
                                                      int64_t sliced_loss_logits) {
  std::vector<torch::Tensor> cur, ref, mask;
  {
    torch::NoGradGuard no_grad;
    for (const Batch& b : micro) {
      cur.push_back(token_losses(model, b, sliced_loss_logits));
      ref.push_back(reference_of(b));
      mask.push_back(b.mask);
    }
  }
  auto all = token_weights(torch::cat(cur), torch::cat(ref), torch::cat(mask), weighting, global_sum);
  std::vector<torch::Tensor> weights;
  for (const auto& part : all.split(micro.front().mask.size(0))) weights.push_back(part);
  return weights;
}

// Counts the real tokens' weights into the bins of StepTotals::weight_histogram where
// the weights are: padding and NaN weights go to a bin past the last, dropped (a
// masked_select or a bincount would make the host wait for a GPU to size its output).
torch::Tensor weight_counts(const torch::Tensor& weights, const torch::Tensor& mask) {
  const auto w = weights.detach();
  const auto dropped = mask.to(torch::kBool).logical_not().logical_or(w.isnan());
  const auto bins =
      (w / kWeightBinWidth).floor().clamp(0, kWeightBins - 1).masked_fill(dropped, kWeightBins).to(torch::kLong);
  auto counts = torch::zeros({kWeightBins + 1}, bins.options());
  counts.index_add_(0, bins.reshape({-1}), torch::ones({bins.numel()}, bins.options()));
  return counts.slice(0, 0, kWeightBins);
}

// The micro-batches' figures, kept on the device through the loop, read in one copy and
// added up on the host in micro-batch order.
void add_to_totals(const std::vector<torch::Tensor>& token_loss_sums, const std::vector<torch::Tensor>& losses,
                   const std::vector<torch::Tensor>& counts, StepTotals& totals) {
  const auto host = torch::cat({torch::stack(token_loss_sums).to(torch::kFloat64),
                                torch::stack(losses).to(torch::kFloat64),
                                torch::stack(counts).to(torch::kFloat64).reshape({-1})})
                        .to(torch::kCPU);
  const double* value = host.data_ptr<double>();
  for (size_t i = 0; i < token_loss_sums.size(); ++i) totals.token_loss += *value++;
  for (size_t i = 0; i < losses.size(); ++i) totals.weighted_loss += *value++;
  for (size_t i = 0; i < counts.size(); ++i)
    for (int bin = 0; bin < kWeightBins; ++bin) totals.weight_histogram[bin] += *value++;
}

}  // namespace

StepTotals accumulate_step_gradients(LlamaForCausalLM& model, BatchSource& batches, int64_t step, int64_t grad_accum,
                                     const WeightOptions& weighting, const GlobalSum& global_sum, int ranks,
                                     LlamaForCausalLM* reference, bool bfloat16, int64_t sliced_loss_logits) {
  std::vector<Batch> micro;
  StepTotals totals;
  const torch::Device device = model->parameters().front().device();
  for (int64_t i = 0; i < grad_accum; ++i) {
    const Batch batch = batches.at_step(step * grad_accum + i);
    totals.real_tokens += batch.mask.sum().item<double>();  // counted on the host, before the copy
    micro.push_back(batch.to(device));
  }
  if (reference)  // its logits need not be held whole: no gradient flows through them
    for (Batch& b : micro) b.ref_loss = token_losses_without_grad(*reference, b.inputs, b.targets).view_as(b.mask);
  // Each rank divides by its share of the global batch's real tokens; averaging the
  // ranks' gradients then gives the mean over all of them.
  std::vector<double> real{totals.real_tokens};
  global_sum(real);
  const double share = real[0] / ranks;

  const BFloat16Autocast autocast(bfloat16, device);
  std::vector<torch::Tensor> weights;
  if (weighting.mode != WeightMode::ntp && grad_accum > 1)
    weights = weights_over_micro_batches(model, micro, weighting, global_sum, sliced_loss_logits);
  // Nothing is read back inside the loop: a GPU would drain its queue at each read.
  std::vector<torch::Tensor> token_loss_sums, losses, counts;
  for (size_t i = 0; i < micro.size(); ++i) {
    const Batch& b = micro[i];
    auto token_loss = token_losses(model, b, sliced_loss_logits);
    auto w = weights.empty() ? token_weights(token_loss, reference_of(b), b.mask, weighting, global_sum) : weights[i];
    auto loss = weighted_mean_loss(token_loss, w, b.mask, share);
    loss.backward();
    token_loss_sums.push_back((token_loss.detach() * b.mask).sum());
    losses.push_back(loss.detach());
    counts.push_back(weight_counts(w, b.mask));
  }
  add_to_totals(token_loss_sums, losses, counts, totals);
  return totals;
}

}  // namespace mucpt
