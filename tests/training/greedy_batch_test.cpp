// Batched greedy decoding against one prompt at a time: prompts of different lengths,
// left-padded into one batch of the real stories260K model, continue with exactly the ids
// that each gives alone, also when rows stop early and leave the batch; the padded
// forward pass gives each row's logits as the row alone does, whether its attention runs
// row by row (float32 on the CPU) or as one masked pass (other dtypes and GPUs).
#include "tests/torch_catch.h"  // first: see there

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/model/greedy.h"

using namespace mucpt;
using nlohmann::json;

namespace {

// The golden prompt extended by the first k reference ids, and stretches of the
// reference story alone: lengths from 1 to over 100 ids.
std::vector<std::vector<int64_t>> prompts_of_different_lengths(const std::string& folder) {
  json golden = json::parse(std::ifstream(folder + "/golden_greedy.json"));
  const auto prompt = golden["prompt_ids"].get<std::vector<int64_t>>();
  const auto reference = golden["greedy_ids"].get<std::vector<int64_t>>();
  std::vector<std::vector<int64_t>> prompts;
  for (long k : {0L, 5L, 23L, 101L}) {
    std::vector<int64_t> ids = prompt;
    ids.insert(ids.end(), reference.begin(), reference.begin() + k);
    prompts.push_back(ids);
  }
  prompts.emplace_back(reference.begin() + 60, reference.begin() + 61);
  prompts.emplace_back(reference.begin() + 130, reference.begin() + 142);
  prompts.push_back(prompts[1]);  // the same prompt twice in one batch
  return prompts;
}

// The largest difference between a row's logits in one left-padded batch of the prompts
// and the prompt's logits alone.
double largest_padded_logit_difference(LlamaForCausalLM& model, const std::vector<std::vector<int64_t>>& prompts) {
  torch::NoGradGuard no_grad;
  size_t longest = 0;
  for (const auto& p : prompts) longest = std::max(longest, p.size());
  KvCache cache;
  std::vector<int64_t> padded;
  for (const auto& p : prompts) {
    cache.left_padding.push_back(static_cast<int64_t>(longest - p.size()));
    padded.insert(padded.end(), longest - p.size(), 0);
    padded.insert(padded.end(), p.begin(), p.end());
  }
  auto logits = model->forward(torch::tensor(padded).view({static_cast<int64_t>(prompts.size()), -1}), &cache);
  double largest = 0;
  for (size_t b = 0; b < prompts.size(); ++b) {
    auto alone = model->forward(torch::tensor(prompts[b]).unsqueeze(0))[0];
    auto real = logits[static_cast<int64_t>(b)].slice(0, cache.left_padding[b]);
    largest = std::max(largest, (real - alone).abs().max().item<double>());
  }
  return largest;
}

}  // namespace

TEST_CASE("a batch of prompts of different lengths decodes to the ids of each prompt alone") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string folder = data + "/models/stories260K";
  auto model = load_llama(folder);
  model->eval();
  const auto prompts = prompts_of_different_lengths(folder);
  std::vector<size_t> lengths;
  for (const auto& p : prompts) lengths.push_back(p.size());
  INFO("prompt lengths " << Catch::Detail::stringify(lengths));

  const int max_new = 40;
  const auto batched = greedy_generate_batch(model, prompts, max_new);
  REQUIRE(batched.size() == prompts.size());
  for (size_t b = 0; b < prompts.size(); ++b) {
    INFO("prompt " << b);
    CHECK(batched[b].size() == static_cast<size_t>(max_new));
    CHECK(batched[b] == greedy_generate(model, prompts[b], max_new));
  }

  SECTION("rows that stop early leave the batch; the others go on unchanged") {
    // Row b stops after 3 + 5 b tokens (the last rows at max_new); either end-of-text id
    // stops whichever row produces it: the first in row 2, the second (row 3's eighth
    // token, not among row 2's first ten) in row 3 by its eighth token.
    const int64_t stop_id = batched[2][9];
    const std::vector<int64_t> stop_ids{stop_id, batched[3][7]};
    REQUIRE(std::find(batched[2].begin(), batched[2].begin() + 10, stop_ids[1]) == batched[2].begin() + 10);
    const auto stopped = greedy_generate_batch(model, prompts, max_new, stop_ids, {},
                                               [](size_t row, const std::vector<int64_t>& ids) {
                                                 return ids.size() < 3 + 5 * row;
                                               });
    for (size_t b = 0; b < prompts.size(); ++b) {
      INFO("prompt " << b);
      const auto alone = greedy_generate(model, prompts[b], max_new, stop_ids);
      const size_t expected = std::min({alone.size(), 3 + 5 * b, static_cast<size_t>(max_new)});
      REQUIRE(stopped[b].size() == expected);
      CHECK(std::equal(stopped[b].begin(), stopped[b].end(), alone.begin()));
    }
    // Row 2 (allowed 13) ends at its first stop id, the tenth token or earlier.
    const auto first_stop = std::find(batched[2].begin(), batched[2].end(), stop_id) - batched[2].begin();
    CHECK(stopped[2].size() == static_cast<size_t>(first_stop + 1));
    CHECK(stopped[2].back() == stop_id);
    CHECK(stopped[3].size() <= 8);
  }

  SECTION("off the fused kernels (float64 here, any dtype on a GPU) the batch takes one masked attention pass") {
    model->to(torch::kFloat64);
    const auto masked = greedy_generate_batch(model, prompts, max_new);
    for (size_t b = 0; b < prompts.size(); ++b) {
      INFO("prompt " << b);
      CHECK(masked[b] == greedy_generate(model, prompts[b], max_new));
    }
  }
}

TEST_CASE("a padded batch gives the logits of each prompt alone, up to float rounding") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string folder = data + "/models/stories260K";
  auto model = load_llama(folder);
  model->eval();
  const auto prompts = prompts_of_different_lengths(folder);
  // Attention and positions are the row's own; the batch's matrix products may round
  // differently from the row's alone (a few float32 ulps of logits near 10).
  SECTION("float32: rows one by one through the fused kernels") {
    CHECK(largest_padded_logit_difference(model, prompts) <= 1e-4);
  }
  SECTION("float64: one masked attention pass for the batch") {
    model->to(torch::kFloat64);  // softmax and the norms still run in float32, as on a GPU
    CHECK(largest_padded_logit_difference(model, prompts) <= 1e-4);
  }
}
