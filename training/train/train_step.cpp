#include "training/train/train_step.h"

#include <vector>

#include "training/model/autocast.h"

namespace mucpt {

namespace {

// The loss of every target token, [B, T].
torch::Tensor token_losses(LlamaForCausalLM& model, const Batch& batch) {
  auto logits = model->forward(batch.inputs);
  return torch::nn::functional::cross_entropy(logits.reshape({-1, logits.size(-1)}), batch.targets.reshape({-1}),
                                              torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone))
      .view_as(batch.mask);
}

torch::Tensor reference_of(const Batch& batch) {
  return batch.ref_loss.defined() ? batch.ref_loss : torch::zeros_like(batch.mask);
}

// Weights for every micro-batch, chosen and normalised over all of them together.
std::vector<torch::Tensor> weights_over_micro_batches(LlamaForCausalLM& model, const std::vector<Batch>& micro,
                                                      const WeightOptions& weighting, const GlobalSum& global_sum) {
  std::vector<torch::Tensor> cur, ref, mask;
  {
    torch::NoGradGuard no_grad;
    for (const Batch& b : micro) {
      cur.push_back(token_losses(model, b));
      ref.push_back(reference_of(b));
      mask.push_back(b.mask);
    }
  }
  auto all = token_weights(torch::cat(cur), torch::cat(ref), torch::cat(mask), weighting, global_sum);
  std::vector<torch::Tensor> weights;
  for (const auto& part : all.split(micro.front().mask.size(0))) weights.push_back(part);
  return weights;
}

// Counts the real tokens' weights into the bins of StepTotals::weight_histogram. The
// binning runs where the weights are; only the counts come back to the host.
void count_weights(const torch::Tensor& weights, const torch::Tensor& mask, std::vector<double>& histogram) {
  const auto real = weights.detach().masked_select(mask.to(torch::kBool));
  const auto bins = (real / kWeightBinWidth).floor().clamp(0, kWeightBins - 1).to(torch::kLong);
  const auto counts = torch::bincount(bins, {}, kWeightBins).to(torch::kCPU);
  const auto* c = counts.data_ptr<int64_t>();
  for (int i = 0; i < kWeightBins; ++i) histogram[i] += static_cast<double>(c[i]);
}

}  // namespace

StepTotals accumulate_step_gradients(LlamaForCausalLM& model, BatchSource& batches, int64_t step, int64_t grad_accum,
                                     const WeightOptions& weighting, const GlobalSum& global_sum, int ranks,
                                     LlamaForCausalLM* reference, bool bfloat16) {
  std::vector<Batch> micro;
  StepTotals totals;
  const torch::Device device = model->parameters().front().device();
  for (int64_t i = 0; i < grad_accum; ++i) {
    micro.push_back(batches.at_step(step * grad_accum + i).to(device));
    totals.real_tokens += micro.back().mask.sum().item<double>();
  }
  if (reference) {
    torch::NoGradGuard no_grad;
    for (Batch& b : micro) b.ref_loss = token_losses(*reference, b);
  }
  // Each rank divides by its share of the global batch's real tokens; averaging the
  // ranks' gradients then gives the mean over all of them.
  std::vector<double> real{totals.real_tokens};
  global_sum(real);
  const double share = real[0] / ranks;

  const BFloat16Autocast autocast(bfloat16, device);
  std::vector<torch::Tensor> weights;
  if (weighting.mode != WeightMode::ntp && grad_accum > 1)
    weights = weights_over_micro_batches(model, micro, weighting, global_sum);
  for (size_t i = 0; i < micro.size(); ++i) {
    const Batch& b = micro[i];
    auto token_loss = token_losses(model, b);
    auto w = weights.empty() ? token_weights(token_loss, reference_of(b), b.mask, weighting, global_sum) : weights[i];
    auto loss = weighted_mean_loss(token_loss, w, b.mask, share);
    loss.backward();
    totals.token_loss += (token_loss.detach() * b.mask).sum().item<double>();
    totals.weighted_loss += loss.item<double>();
    count_weights(w, b.mask, totals.weight_histogram);
  }
  return totals;
}

}  // namespace mucpt
