#include "evaluation/generation/answer_likelihood.h"

#include <stdexcept>

#include "common/tokenizer/tokenizer.h"

namespace mucpt {

std::vector<AnswerLoss> answer_losses(LlamaForCausalLM& model, Tokenizer& tokenizer,
                                      const std::vector<std::string>& prompts, const std::vector<std::string>& answers) {
  if (prompts.size() != answers.size()) throw std::invalid_argument("answer_losses: one answer per prompt");
  torch::NoGradGuard no_grad;
  model->eval();
  const int64_t context = model->config.max_position_embeddings;
  const torch::Device device = model->parameters().front().device();
  std::vector<AnswerLoss> out(prompts.size());
  for (size_t i = 0; i < prompts.size(); ++i) {
    std::vector<int64_t> ids;
    for (int32_t id : tokenizer.encode(prompts[i])) ids.push_back(id);
    std::vector<int32_t> answer = tokenizer.encode(" " + answers[i]);
    if (answer.empty()) continue;
    if (static_cast<int64_t>(answer.size()) >= context) answer.resize(static_cast<size_t>(context - 1));
    const int64_t room = context - static_cast<int64_t>(answer.size());
    if (static_cast<int64_t>(ids.size()) > room) ids.erase(ids.begin(), ids.end() - room);
    // The prompt's last token predicts the answer's first.
    if (ids.empty()) continue;
    const int64_t first = static_cast<int64_t>(ids.size());
    for (int32_t id : answer) ids.push_back(id);
    const auto input = torch::tensor(ids, torch::kInt64).to(device).unsqueeze(0);
    const auto logits = model->forward(input).squeeze(0).to(torch::kFloat32);
    const auto log_probs = torch::log_softmax(logits.slice(0, first - 1, static_cast<int64_t>(ids.size()) - 1), -1);
    const auto targets = input.squeeze(0).slice(0, first, static_cast<int64_t>(ids.size()));
    const auto picked = log_probs.gather(1, targets.unsqueeze(1)).squeeze(1);
    out[i].nats = -picked.sum().item<double>();
    out[i].tokens = static_cast<int64_t>(answer.size());
  }
  return out;
}

}  // namespace mucpt
