// Hugging Face folders keep their architecture: the published config.json of
// Qwen2.5-0.5B and Llama-3.2-1B (their text, with the sizes scaled down) load, build the
// tensors transformers expects (Qwen2's q/k/v biases and no o bias; Llama's head_dim,
// attention and MLP biases; llama3 rotary scaling), and save back with every field,
// in the dtype asked and sharded above a size.
#include "tests/torch_catch.h"  // first: see there

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "common/line_reader.h"
#include "common/line_writer.h"
#include "tests/test_support.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/checkpoint/safetensors_file.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Qwen/Qwen2.5-0.5B config.json; sizes scaled: hidden 896 -> 64, 24 layers -> 2,
// 14 heads of 64 -> 8 of 8 (2 KV heads as published), vocabulary 151,936 -> 320.
json qwen2_config() {
  return json::parse(R"({
  "architectures": ["Qwen2ForCausalLM"],
  "attention_dropout": 0.0,
  "bos_token_id": 151643,
  "eos_token_id": 151643,
  "hidden_act": "silu",
  "hidden_size": 64,
  "initializer_range": 0.02,
  "intermediate_size": 96,
  "max_position_embeddings": 32768,
  "max_window_layers": 24,
  "model_type": "qwen2",
  "num_attention_heads": 8,
  "num_hidden_layers": 2,
  "num_key_value_heads": 2,
  "rms_norm_eps": 1e-06,
  "rope_theta": 1000000.0,
  "sliding_window": 32768,
  "tie_word_embeddings": true,
  "torch_dtype": "bfloat16",
  "transformers_version": "4.40.1",
  "use_cache": true,
  "use_mrope": false,
  "use_sliding_window": false,
  "vocab_size": 320
})");
}

// meta-llama/Llama-3.2-1B config.json; sizes scaled: hidden 2048 -> 48 with head_dim
// 64 -> 16 (so heads x head_dim = 64 is not the hidden size), 16 layers -> 2, 32 heads
// -> 4 (8 KV heads -> 2), vocabulary 128,256 -> 300.
json llama32_config() {
  return json::parse(R"({
  "architectures": ["LlamaForCausalLM"],
  "attention_bias": false,
  "attention_dropout": 0.0,
  "bos_token_id": 128000,
  "eos_token_id": 128001,
  "head_dim": 16,
  "hidden_act": "silu",
  "hidden_size": 48,
  "initializer_range": 0.02,
  "intermediate_size": 80,
  "max_position_embeddings": 131072,
  "mlp_bias": false,
  "model_type": "llama",
  "num_attention_heads": 4,
  "num_hidden_layers": 2,
  "num_key_value_heads": 2,
  "pretraining_tp": 1,
  "rms_norm_eps": 1e-05,
  "rope_scaling": {
    "factor": 32.0,
    "high_freq_factor": 4.0,
    "low_freq_factor": 1.0,
    "original_max_position_embeddings": 8192,
    "rope_type": "llama3"
  },
  "rope_theta": 500000.0,
  "tie_word_embeddings": true,
  "torch_dtype": "bfloat16",
  "transformers_version": "4.45.0.dev0",
  "use_cache": true,
  "vocab_size": 300
})");
}

LlamaForCausalLM build(const json& config, uint64_t seed = 5) {
  LlamaForCausalLM model(llama_config_from_json(config, "config.json"));
  initialize_llama_weights(model, seed);
  return model;
}

std::set<std::string> names_of(LlamaForCausalLM& model) {
  std::set<std::string> names;
  for (const auto& p : model->named_parameters()) names.insert(p.key());
  return names;
}

json read_json(const std::string& path) { return json::parse(read_small_file(path)); }

}  // namespace

TEST_CASE("Qwen2: biases on q, k and v only, initialised to 0, and saved back as Qwen2 with every field") {
  auto model = build(qwen2_config());
  auto names = names_of(model);
  for (const char* p : {"q_proj", "k_proj", "v_proj"})
    CHECK(names.count("model.layers.0.self_attn." + std::string(p) + ".bias"));
  CHECK(!names.count("model.layers.0.self_attn.o_proj.bias"));
  CHECK(!names.count("model.layers.0.mlp.up_proj.bias"));
  CHECK(!names.count("lm_head.weight"));  // tied
  for (const auto& p : model->named_parameters())
    if (p.key().find(".bias") != std::string::npos) CHECK(p.value().abs().max().item<float>() == 0.0f);

  const std::string dir = testing::scratch_dir("hf_qwen2");
  save_llama(model, dir);
  // The same config.json, field for field, and weights in its dtype (bfloat16).
  CHECK(read_json(dir + "/config.json") == qwen2_config());
  SafetensorsFile weights(dir + "/model.safetensors");
  CHECK(weights.tensors().size() == names.size());
  for (const auto& [name, entry] : weights.tensors()) CHECK(entry.dtype == "BF16");
  // Reloaded, it computes what the bfloat16-rounded model computes.
  auto rounded = build(qwen2_config());
  {
    torch::NoGradGuard no_grad;
    for (auto& p : rounded->named_parameters()) p.value().copy_(p.value().to(torch::kBFloat16).to(torch::kFloat32));
  }
  auto reloaded = load_llama(dir);
  auto ids = torch::tensor({{1, 17, 230, 5, 99}}, torch::kInt64);
  CHECK(torch::allclose(reloaded->forward(ids), rounded->forward(ids), 1e-6, 1e-6));
  CHECK(reloaded->config.to_json("bfloat16") == qwen2_config());
}

TEST_CASE("Llama 3.2: head_dim, llama3 rotary scaling and eos lists as the config states them") {
  auto model = build(llama32_config());
  auto q = model->named_parameters()["model.layers.0.self_attn.q_proj.weight"];
  CHECK(q.sizes() == torch::IntArrayRef({4 * 16, 48}));
  CHECK(!names_of(model).count("model.layers.0.self_attn.q_proj.bias"));

  // transformers' llama3 rule, in double precision: wavelengths above 8192 / 1 slowed
  // 32 times, below 8192 / 4 kept, those between blended.
  auto inv_freq = model->model->inv_freq;
  REQUIRE(inv_freq.numel() == 8);
  for (int64_t i = 0; i < 8; ++i) {
    const double base = 1.0 / std::pow(500000.0, 2.0 * double(i) / 16.0);
    const double wavelen = 2 * M_PI / base;
    double expected = base;
    if (wavelen > 8192.0) {
      expected = base / 32.0;
    } else if (wavelen >= 2048.0) {
      const double smooth = (8192.0 / wavelen - 1.0) / (4.0 - 1.0);
      expected = (1 - smooth) * base / 32.0 + smooth * base;
    }
    CHECK(inv_freq[i].item<double>() == Approx(expected).epsilon(1e-5));
  }

  json with_biases = llama32_config();
  with_biases["attention_bias"] = true;
  with_biases["mlp_bias"] = true;
  with_biases["eos_token_id"] = {128001, 128008, 128009};
  auto biased = build(with_biases);
  auto names = names_of(biased);
  for (const char* p : {"self_attn.q_proj", "self_attn.o_proj", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj"})
    CHECK(names.count("model.layers.1." + std::string(p) + ".bias"));
  CHECK(biased->config.eos_token_id == 128001);

  const std::string dir = testing::scratch_dir("hf_llama32");
  save_llama(biased, dir, "", SaveOptions{"float32", 5'000'000'000});
  json expected = with_biases;
  expected["torch_dtype"] = "float32";
  CHECK(read_json(dir + "/config.json") == expected);
  auto reloaded = load_llama(dir);
  auto ids = torch::tensor({{3, 250, 7}}, torch::kInt64);
  CHECK(torch::equal(reloaded->forward(ids), biased->forward(ids)));

  // Generation stops on every end of sequence listed, generation_config.json's as well.
  CHECK(reloaded->config.eos_token_ids == std::vector<int64_t>{128001, 128008, 128009});
  std::ofstream(dir + "/generation_config.json") << R"({"bos_token_id": 128000, "eos_token_id": [128009, 128010]})";
  CHECK(load_llama_config(dir).eos_token_ids == std::vector<int64_t>{128001, 128008, 128009, 128010});
  CHECK(load_llama_config(dir).eos_token_id == 128001);
  std::ofstream(dir + "/generation_config.json", std::ios::trunc) << R"({"eos_token_id": "</s>"})";
  CHECK_THROWS_WITH(load_llama_config(dir), Catch::Contains(dir + "/generation_config.json: key 'eos_token_id'"));
}

TEST_CASE("weights above max_shard_size go to shards listed by model.safetensors.index.json") {
  auto model = build(llama32_config());
  const std::string dir = testing::scratch_dir("hf_shards");
  save_llama(model, dir, "", SaveOptions{"float32", 20'000});
  CHECK(!fs::exists(dir + "/model.safetensors"));
  json index = read_json(dir + "/model.safetensors.index.json");
  std::set<std::string> files;
  uint64_t total = 0;
  for (auto it = index["weight_map"].begin(); it != index["weight_map"].end(); ++it) files.insert(it.value());
  for (const auto& f : files) {
    SafetensorsFile shard(dir + "/" + f);
    for (const auto& [name, entry] : shard.tensors()) {
      CHECK(index["weight_map"][name] == f);
      total += entry.end - entry.begin;
    }
  }
  CHECK(files.size() > 2);
  CHECK(index["weight_map"].size() == names_of(model).size());
  CHECK(index["metadata"]["total_size"] == total);
  auto reloaded = load_llama(dir);
  auto ids = torch::tensor({{3, 250, 7}}, torch::kInt64);
  CHECK(torch::equal(reloaded->forward(ids), model->forward(ids)));
  // Saving again unsharded leaves no stale shard behind.
  save_llama(model, dir, "", SaveOptions{"float32", 5'000'000'000});
  CHECK(fs::exists(dir + "/model.safetensors"));
  CHECK(!fs::exists(dir + "/model.safetensors.index.json"));
  CHECK(!fs::exists(dir + "/" + *files.begin()));
}

TEST_CASE("what would compute something else is refused by name") {
  auto refused = [](json config, const std::string& key, const json& value) {
    if (value.is_null()) config.erase(key);
    else config[key] = value;
    try {
      llama_config_from_json(config, "x/config.json");
    } catch (const IoError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK_THAT(refused(llama32_config(), "rope_scaling", json{{"rope_type", "yarn"}, {"factor", 4.0}}),
             Catch::Contains("x/config.json") && Catch::Contains("'yarn'"));
  CHECK_THAT(refused(llama32_config(), "hidden_act", "gelu"), Catch::Contains("\"gelu\""));
  CHECK_THAT(refused(qwen2_config(), "model_type", nullptr), Catch::Contains("'model_type' is missing"));
  CHECK_THAT(refused(qwen2_config(), "model_type", "mistral"), Catch::Contains("'mistral'"));
  CHECK(refused(llama32_config(), "rope_scaling", json{{"type", "linear"}, {"factor", 2.0}}) == "accepted");
  CHECK_THROWS_WITH(parse_byte_size("5 parsecs"), Catch::Contains("5GB"));
  CHECK(parse_byte_size("5GB") == 5'000'000'000);
  CHECK(parse_byte_size("2GiB") == 2147483648ULL);
  for (const char* size : {"nan", "infGB", "1e300GB", "-5MB", "0"})
    CHECK_THROWS_WITH(parse_byte_size(size), Catch::Contains("5GB"));
}
