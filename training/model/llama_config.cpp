#include "training/model/llama_config.h"

#include <filesystem>

#include "common/line_reader.h"
#include "common/line_writer.h"

namespace mucpt {

LlamaConfig llama_config_from_json(const nlohmann::json& j, const std::string& where) {
  auto fail = [&](const std::string& what) { throw IoError(where + ": " + what); };
  if (!j.is_object()) fail("not a JSON object");
  if (j.contains("model_type") && !j["model_type"].is_string())
    fail("key 'model_type' must be a string, not " + j["model_type"].dump());
  const std::string type = j.value("model_type", std::string("llama"));
  if (type != "llama" && type != "qwen2") fail("model_type '" + type + "' is not a Llama-architecture model");
  auto integer = [&](const char* key, bool required, int64_t fallback) -> int64_t {
    if (!j.contains(key) || j[key].is_null()) {
      if (required) fail("key '" + std::string(key) + "' is missing");
      return fallback;
    }
    if (!j[key].is_number_integer() || j[key].get<int64_t>() < 0) fail("key '" + std::string(key) + "' must be a non-negative integer");
    return j[key].get<int64_t>();
  };
  auto number = [&](const char* key, double fallback) -> double {
    if (!j.contains(key) || j[key].is_null()) return fallback;
    if (!j[key].is_number()) fail("key '" + std::string(key) + "' must be a number");
    return j[key].get<double>();
  };
  auto boolean = [&](const char* key, bool fallback) -> bool {
    if (!j.contains(key) || j[key].is_null()) return fallback;
    if (!j[key].is_boolean()) fail("key '" + std::string(key) + "' must be true or false, not " + j[key].dump());
    return j[key].get<bool>();
  };
  LlamaConfig c;
  c.vocab_size = integer("vocab_size", true, 0);
  c.hidden_size = integer("hidden_size", true, 0);
  c.intermediate_size = integer("intermediate_size", true, 0);
  c.num_hidden_layers = integer("num_hidden_layers", true, 0);
  c.num_attention_heads = integer("num_attention_heads", true, 0);
  c.num_key_value_heads = integer("num_key_value_heads", false, c.num_attention_heads);
  c.max_position_embeddings = integer("max_position_embeddings", false, 2048);
  c.rms_norm_eps = number("rms_norm_eps", 1e-6);
  c.rope_theta = number("rope_theta", 10000.0);
  c.tie_word_embeddings = boolean("tie_word_embeddings", false);
  c.attention_bias = boolean("attention_bias", type == "qwen2");
  c.bos_token_id = integer("bos_token_id", false, -1);
  // Some models list several end tokens; the first ends generation.
  const bool eos_list = j.contains("eos_token_id") && j["eos_token_id"].is_array();
  if (eos_list && (j["eos_token_id"].empty() || !j["eos_token_id"][0].is_number_integer()))
    fail("key 'eos_token_id' must be an integer or a list of integers, not " + j["eos_token_id"].dump());
  c.eos_token_id = eos_list ? j["eos_token_id"][0].get<int64_t>() : integer("eos_token_id", false, -1);
  if (c.num_attention_heads == 0 || c.hidden_size % c.num_attention_heads != 0)
    fail("hidden_size must be a multiple of num_attention_heads");
  if (c.num_key_value_heads == 0 || c.num_attention_heads % c.num_key_value_heads != 0)
    fail("num_attention_heads must be a multiple of num_key_value_heads");
  if (c.head_dim() % 2 != 0) fail("the head dimension must be even for rotary embeddings");
  return c;
}

LlamaConfig load_llama_config(const std::string& path) {
  std::string file = std::filesystem::is_directory(path) ? path + "/config.json" : path;
  auto j = nlohmann::json::parse(read_small_file(file), nullptr, false);
  if (j.is_discarded()) throw IoError(file + ": not valid JSON");
  return llama_config_from_json(j, file);
}

nlohmann::json LlamaConfig::to_json() const {
  nlohmann::json j{{"architectures", {"LlamaForCausalLM"}},
                   {"model_type", "llama"},
                   {"vocab_size", vocab_size},
                   {"hidden_size", hidden_size},
                   {"intermediate_size", intermediate_size},
                   {"num_hidden_layers", num_hidden_layers},
                   {"num_attention_heads", num_attention_heads},
                   {"num_key_value_heads", num_key_value_heads},
                   {"max_position_embeddings", max_position_embeddings},
                   {"rms_norm_eps", rms_norm_eps},
                   {"rope_theta", rope_theta},
                   {"hidden_act", "silu"},
                   {"tie_word_embeddings", tie_word_embeddings},
                   {"attention_bias", attention_bias},
                   {"torch_dtype", "float32"}};
  if (bos_token_id >= 0) j["bos_token_id"] = bos_token_id;
  if (eos_token_id >= 0) j["eos_token_id"] = eos_token_id;
  return j;
}

}  // namespace mucpt
