#include "evaluation/generation/answer_likelihood.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

#include "common/tokenizer/tokenizer.h"

namespace mucpt {

namespace {

// A prompt's ids and its answer's, joined; the answer starts at `first`.
struct JoinedIds {
  size_t item = 0;
  std::vector<int64_t> ids;
  int64_t first = 0;
};

// Encoded apart and joined; the prompt's start cut to fit the context. Empty when there is
// no answer to score or no prompt token left to predict its first token.
std::optional<JoinedIds> join(Tokenizer& tokenizer, const std::string& prompt, const std::string& answer,
                              int64_t context) {
  JoinedIds joined;
  for (int32_t id : tokenizer.encode(prompt)) joined.ids.push_back(id);
  // The answer as the prompt's own examples give it: after a space, unless the prompt
  // ends in whitespace (a chat turn's "\n", "Answer: ") where a second would be scored.
  const bool spaced = !prompt.empty() && std::isspace(static_cast<unsigned char>(prompt.back()));
  std::vector<int32_t> answer_ids = tokenizer.encode(spaced ? answer : " " + answer);
  if (answer_ids.empty()) return std::nullopt;
  if (static_cast<int64_t>(answer_ids.size()) >= context) answer_ids.resize(static_cast<size_t>(context - 1));
  const int64_t room = context - static_cast<int64_t>(answer_ids.size());
  if (static_cast<int64_t>(joined.ids.size()) > room) joined.ids.erase(joined.ids.begin(), joined.ids.end() - room);
  if (joined.ids.empty()) return std::nullopt;
  joined.first = static_cast<int64_t>(joined.ids.size());
  for (int32_t id : answer_ids) joined.ids.push_back(id);
  return joined;
}

// Scores one batch: its rows right-padded to the longest (a causal model's real positions
// never see the padding after them), the output head applied only at the positions that
// predict an answer token.
void score_batch(LlamaForCausalLM& model, const std::vector<JoinedIds>& batch, std::vector<AnswerLoss>& out) {
  const torch::Device device = model->parameters().front().device();
  const int64_t rows = static_cast<int64_t>(batch.size());
  const int64_t length = static_cast<int64_t>(batch.front().ids.size());  // longest first
  std::vector<int64_t> input(static_cast<size_t>(rows * length), 0), row_of, column_of, targets;
  for (int64_t r = 0; r < rows; ++r) {
    const JoinedIds& joined = batch[static_cast<size_t>(r)];
    std::copy(joined.ids.begin(), joined.ids.end(), input.begin() + r * length);
    // The prompt's last token predicts the answer's first.
    for (int64_t t = joined.first; t < static_cast<int64_t>(joined.ids.size()); ++t) {
      row_of.push_back(r);
      column_of.push_back(t - 1);
      targets.push_back(joined.ids[static_cast<size_t>(t)]);
    }
  }
  const auto as_tensor = [&](const std::vector<int64_t>& v) { return torch::tensor(v, torch::kInt64).to(device); };
  const auto hidden = model->model->forward(as_tensor(input).view({rows, length}));
  const auto scored = hidden.index({as_tensor(row_of), as_tensor(column_of)});
  const auto log_probs = torch::log_softmax(model->logits(scored).to(torch::kFloat32), -1);
  const auto picked = log_probs.gather(1, as_tensor(targets).unsqueeze(1)).squeeze(1).to(torch::kFloat64).cpu();
  const double* value = picked.data_ptr<double>();
  for (const JoinedIds& joined : batch) {
    AnswerLoss& loss = out[joined.item];
    loss.tokens = static_cast<int64_t>(joined.ids.size()) - joined.first;
    for (int64_t t = 0; t < loss.tokens; ++t) loss.nats -= *value++;
  }
}

}  // namespace

std::vector<AnswerLoss> answer_losses(LlamaForCausalLM& model, Tokenizer& tokenizer,
                                      const std::vector<std::string>& prompts, const std::vector<std::string>& answers,
                                      int64_t batch_size) {
  if (prompts.size() != answers.size()) throw std::invalid_argument("answer_losses: one answer per prompt");
  if (batch_size < 1) throw std::invalid_argument("answer_losses: batch_size must be positive");
  torch::NoGradGuard no_grad;
  model->eval();
  const int64_t context = model->config.max_position_embeddings;
  std::vector<JoinedIds> pairs;
  for (size_t i = 0; i < prompts.size(); ++i)
    if (auto joined = join(tokenizer, prompts[i], answers[i], context)) {
      joined->item = i;
      pairs.push_back(std::move(*joined));
    }
  // Longest first, as lm-evaluation-harness orders its requests: a batch's rows are close
  // in length (little padding), and a batch too big for memory fails at the start.
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const JoinedIds& a, const JoinedIds& b) { return a.ids.size() > b.ids.size(); });
  std::vector<AnswerLoss> out(prompts.size());
  for (size_t start = 0; start < pairs.size(); start += static_cast<size_t>(batch_size)) {
    const size_t end = std::min(pairs.size(), start + static_cast<size_t>(batch_size));
    score_batch(model, std::vector<JoinedIds>(pairs.begin() + start, pairs.begin() + end), out);
  }
  return out;
}

}  // namespace mucpt
