// The Llama model against a real pretrained checkpoint: stories260K in the Hugging Face
// layout must reproduce, token for token, the greedy continuation that the reference C
// implementation (llama2.c, float32) produced from the same prompt.
#include "tests/torch_catch.h"  // first: see there
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/line_reader.h"
#include "tests/test_support.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/checkpoint/safetensors_file.h"
#include "training/model/autocast.h"
#include "training/model/greedy.h"
#include "training/model/token_losses.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("stories260K reproduces llama2.c's greedy continuation and last-position logits") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string folder = data + "/models/stories260K";
  json golden = json::parse(std::ifstream(folder + "/golden_greedy.json"));
  auto model = load_llama(folder);
  CHECK(model->config.num_key_value_heads == 4);
  CHECK(model->config.tie_word_embeddings);

  std::vector<int64_t> prompt = golden["prompt_ids"].get<std::vector<int64_t>>();
  std::vector<int64_t> expected = golden["greedy_ids"].get<std::vector<int64_t>>();
  {
    torch::NoGradGuard no_grad;
    auto logits = model->forward(torch::tensor(prompt, torch::kInt64).unsqueeze(0));
    REQUIRE(logits.sizes() == std::vector<int64_t>({1, static_cast<int64_t>(prompt.size()), 512}));
    double sum = logits[0][static_cast<int64_t>(prompt.size()) - 1].sum().item<double>();
    CHECK(sum == Approx(golden["last_prompt_pos_logit_sum"].get<double>()).epsilon(2e-6));  // float32 sums of 512 logits
  }
  std::vector<int64_t> generated = greedy_generate(model, prompt, static_cast<int>(expected.size()));
  CHECK(generated == expected);
}

TEST_CASE("a damaged or foreign checkpoint is refused with the file and the tensor named") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string source = data + "/models/stories260K";
  std::string dir = testing::scratch_dir("llama_checkpoint");
  fs::copy_file(source + "/config.json", dir + "/config.json");

  SECTION("header length past the end of the file") {
    std::ofstream(dir + "/model.safetensors", std::ios::binary) << std::string("\xff\xff\xff\x00\x00\x00\x00\x00{}", 10);
    CHECK_THROWS_WITH(load_llama(dir), Catch::Contains("model.safetensors") && Catch::Contains("past the end"));
  }
  SECTION("a tensor missing") {
    // The real file with its last layer's down projection renamed in the header.
    std::ifstream in(source + "/model.safetensors", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    const std::string from = "model.layers.4.mlp.down_proj.weight", to = "model.layers.9.mlp.down_proj.weight";
    bytes.replace(bytes.find(from), from.size(), to);
    std::ofstream(dir + "/model.safetensors", std::ios::binary) << bytes;
    CHECK_THROWS_WITH(load_llama(dir), Catch::Contains("model.layers.9.mlp.down_proj.weight") &&
                                           Catch::Contains("not a parameter"));
  }
  SECTION("a config without a required key") {
    json config = json::parse(std::ifstream(source + "/config.json"));
    config.erase("num_hidden_layers");
    std::ofstream(dir + "/config.json") << config.dump();
    CHECK_THROWS_WITH(load_llama(dir), Catch::Contains("config.json") && Catch::Contains("num_hidden_layers"));
  }
}

TEST_CASE("safetensors entries give dtype, shape and bytes as the header states them") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  SafetensorsFile file(data + "/models/stories260K/model.safetensors");
  REQUIRE(file.tensors().size() == 47);  // 5 layers x 9, the embeddings and the final norm
  const auto& embed = file.tensors().at("model.embed_tokens.weight");
  CHECK(embed.dtype == "F32");
  CHECK(embed.shape == std::vector<int64_t>({512, 64}));
  CHECK(embed.end - embed.begin == 512 * 64 * 4);
}

TEST_CASE("the key/value cache gives the logits of a full pass, and greedy decoding the same ids either way") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string folder = data + "/models/stories260K";
  json golden = json::parse(std::ifstream(folder + "/golden_greedy.json"));
  auto model = load_llama(folder);
  torch::NoGradGuard no_grad;
  std::vector<int64_t> ids = golden["prompt_ids"].get<std::vector<int64_t>>();
  for (int64_t id : golden["greedy_ids"].get<std::vector<int64_t>>()) ids.push_back(id);
  ids.resize(60);
  auto full = model->forward(torch::tensor(ids, torch::kInt64).unsqueeze(0));
  // The first 20 positions at once, then one position at a time.
  KvCache cache;
  std::vector<torch::Tensor> parts{
      model->forward(torch::tensor(std::vector<int64_t>(ids.begin(), ids.begin() + 20), torch::kInt64).unsqueeze(0),
                     &cache)};
  for (size_t i = 20; i < ids.size(); ++i)
    parts.push_back(model->forward(torch::tensor({ids[i]}, torch::kInt64).unsqueeze(0), &cache));
  CHECK(cache.length == 60);
  CHECK(torch::allclose(torch::cat(parts, 1), full, 1e-5, 1e-4));

  std::vector<int64_t> prompt = golden["prompt_ids"].get<std::vector<int64_t>>();
  std::vector<int64_t> expected = golden["greedy_ids"].get<std::vector<int64_t>>();
  CHECK(greedy_generate(model, prompt, static_cast<int>(expected.size()), {}, false) == expected);
}

TEST_CASE("activation checkpointing gives the gradients of the plain backward, in float32 and under bf16 autocast") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  auto model = load_llama(data + "/models/stories260K");
  torch::manual_seed(3);
  auto ids = torch::randint(0, 512, {2, 33}, torch::kInt64);
  auto gradients = [&](bool checkpoint, bool bfloat16) {
    model->model->checkpoint_layers = checkpoint;
    model->zero_grad();
    // As train runs a step: forward and backward inside the autocast scope, after a pass
    // without gradients (a weighting pass) whose weight casts must not be reused.
    const BFloat16Autocast autocast(bfloat16, torch::kCPU);
    {
      torch::NoGradGuard no_grad;
      model->forward(ids.narrow(1, 0, 32));
    }
    auto logits = model->forward(ids.narrow(1, 0, 32));
    torch::nn::functional::cross_entropy(logits.reshape({-1, 512}).to(torch::kFloat32), ids.narrow(1, 1, 32).reshape({-1}))
        .backward();
    std::vector<torch::Tensor> out;
    for (const auto& p : model->parameters()) out.push_back(p.grad().clone());
    return out;
  };
  for (bool bfloat16 : {false, true}) {
    INFO((bfloat16 ? "bfloat16" : "float32"));
    const auto plain = gradients(false, bfloat16), recomputed = gradients(true, bfloat16);
    REQUIRE(plain.size() == recomputed.size());
    for (size_t i = 0; i < plain.size(); ++i) {
      INFO("parameter " << i);
      CHECK(plain[i].abs().max().item<double>() > 0);  // every weight gets its gradient
      CHECK(torch::allclose(plain[i], recomputed[i], 1e-6, 1e-7));
    }
  }
}

namespace {

// Each target token's loss from the full forward pass's logits (float32), [B, T].
torch::Tensor full_pass_token_losses(LlamaForCausalLM& model, const torch::Tensor& inputs,
                                     const torch::Tensor& targets) {
  const auto logits = model->forward(inputs);
  return torch::nn::functional::cross_entropy(
             logits.reshape({-1, logits.size(-1)}).to(torch::kFloat32), targets.reshape({-1}),
             torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone))
      .view(targets.sizes());
}

}  // namespace

TEST_CASE("token losses without gradients: the full pass's cross-entropy, the logits taken a slice at a time") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  auto model = load_llama(data + "/models/stories260K");
  model->eval();
  const auto all = torch::randint(3, 512, {3, 51}, torch::TensorOptions().dtype(torch::kInt64));
  const auto inputs = all.slice(1, 0, 50), targets = all.slice(1, 1, 51);
  torch::Tensor expected;
  {
    torch::NoGradGuard no_grad;
    expected = full_pass_token_losses(model, inputs, targets);
  }
  // One slice (the default here), 7 positions (the last slice short), one position.
  for (int64_t budget : {kLogitsPerSlice, int64_t(512 * 7), int64_t(1)}) {
    INFO("logits per slice " << budget);
    const auto losses = token_losses_without_grad(model, inputs, targets, budget);
    REQUIRE(losses.sizes() == expected.sizes());
    CHECK_FALSE(losses.requires_grad());
    CHECK(torch::allclose(losses, expected, 1e-5, 1e-6));
    if (budget == kLogitsPerSlice) CHECK(torch::equal(losses, expected));
  }
}

namespace {

// Each parameter's gradient of sum(weights x losses), with losses from `losses_of`.
template <typename LossesOf>
std::vector<torch::Tensor> weighted_loss_gradients(LlamaForCausalLM& model, const torch::Tensor& weights,
                                                   LossesOf losses_of, torch::Tensor& losses) {
  for (auto& p : model->parameters()) p.mutable_grad() = torch::Tensor();
  losses = losses_of();
  (losses * weights).sum().backward();
  std::vector<torch::Tensor> grads;
  for (auto& p : model->parameters()) grads.push_back(p.grad().clone());
  return grads;
}

double relative_difference(const torch::Tensor& a, const torch::Tensor& b) {
  return ((a - b).norm() / b.norm().clamp_min(1e-30)).item<double>();
}

}  // namespace

TEST_CASE("token losses with gradients in slices: the plain pass's losses and gradients, float32 and bf16 autocast") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  auto model = load_llama(data + "/models/stories260K");
  const auto all = torch::randint(3, 512, {3, 51}, torch::TensorOptions().dtype(torch::kInt64));
  const auto inputs = all.slice(1, 0, 50), targets = all.slice(1, 1, 51);
  const auto weights = torch::rand({3, 50});  // each token's own share of the loss, as weighting gives
  for (bool bf16 : {false, true}) {
    const BFloat16Autocast autocast(bf16, torch::kCPU);  // over the backward too, as in train
    torch::Tensor plain_losses;
    const auto plain = weighted_loss_gradients(
        model, weights, [&] { return full_pass_token_losses(model, inputs, targets); }, plain_losses);
    // One slice (the plain pass itself), 7 positions a slice (the last short), one.
    for (int64_t budget : {kLogitsPerSlice, int64_t(512 * 7), int64_t(1)}) {
      INFO((bf16 ? "bf16 autocast" : "float32") << ", logits per slice " << budget);
      torch::Tensor losses;
      const auto sliced = weighted_loss_gradients(
          model, weights, [&] { return token_losses_with_grad(model, inputs, targets, budget); }, losses);
      REQUIRE(losses.sizes() == plain_losses.sizes());
      CHECK(losses.scalar_type() == torch::kFloat32);
      if (budget == kLogitsPerSlice) {
        CHECK(torch::equal(losses, plain_losses));
        for (size_t i = 0; i < plain.size(); ++i) CHECK(torch::equal(sliced[i], plain[i]));
        continue;
      }
      const double tolerance = bf16 ? 1e-2 : 1e-5;  // bf16: products rounded in another order
      CHECK(relative_difference(losses, plain_losses) < tolerance);
      for (size_t i = 0; i < plain.size(); ++i) {
        INFO("parameter " << i);
        CHECK(relative_difference(sliced[i], plain[i]) < tolerance);
      }
    }
  }
}
