#include "training/model/llama_config.h"

#include <algorithm>
#include <filesystem>

#include "common/line_reader.h"
#include "common/line_writer.h"

namespace mucpt {

namespace {

// A special token's id, or the list of them some models give (the first is the one used
// where only one can be); none when the key is missing or null.
std::vector<int64_t> token_ids_in(const nlohmann::json& j, const std::string& key, const std::string& where) {
  if (!j.contains(key) || j[key].is_null()) return {};
  const nlohmann::json listed = j[key].is_array() ? j[key] : nlohmann::json::array({j[key]});
  const bool valid = !listed.empty() && std::all_of(listed.begin(), listed.end(), [](const nlohmann::json& id) {
    return id.is_number_integer() && id.get<int64_t>() >= 0;
  });
  if (!valid)
    throw IoError(where + ": key '" + key + "' must be a non-negative integer or a list of them, not " + j[key].dump());
  return listed.get<std::vector<int64_t>>();
}

}  // namespace

LlamaConfig llama_config_from_json(const nlohmann::json& j, const std::string& where) {
  auto fail = [&](const std::string& what) { throw IoError(where + ": " + what); };
  if (!j.is_object()) fail("not a JSON object");
  if (!j.contains("model_type")) fail("key 'model_type' is missing (llama or qwen2)");
  if (!j["model_type"].is_string()) fail("key 'model_type' must be a string, not " + j["model_type"].dump());
  const std::string type = j["model_type"];
  if (type != "llama" && type != "qwen2") fail("model_type '" + type + "' is not supported (llama, qwen2)");
  auto integer_in = [&](const nlohmann::json& o, const std::string& key, bool required, int64_t fallback) -> int64_t {
    if (!o.contains(key) || o[key].is_null()) {
      if (required) fail("key '" + key + "' is missing");
      return fallback;
    }
    if (!o[key].is_number_integer() || o[key].get<int64_t>() < 0) fail("key '" + key + "' must be a non-negative integer");
    return o[key].get<int64_t>();
  };
  auto integer = [&](const char* key, bool required, int64_t fallback) { return integer_in(j, key, required, fallback); };
  auto number_in = [&](const nlohmann::json& o, const std::string& key, bool required, double fallback) -> double {
    if (!o.contains(key) || o[key].is_null()) {
      if (required) fail("key '" + key + "' is missing");
      return fallback;
    }
    if (!o[key].is_number()) fail("key '" + key + "' must be a number");
    return o[key].get<double>();
  };
  auto number = [&](const char* key, double fallback) { return number_in(j, key, false, fallback); };
  auto boolean = [&](const char* key, bool fallback) -> bool {
    if (!j.contains(key) || j[key].is_null()) return fallback;
    if (!j[key].is_boolean()) fail("key '" + std::string(key) + "' must be true or false, not " + j[key].dump());
    return j[key].get<bool>();
  };
  auto token = [&](const char* key) -> int64_t {
    const std::vector<int64_t> listed = token_ids_in(j, key, where);
    return listed.empty() ? -1 : listed.front();
  };
  LlamaConfig c;
  c.model_type = type;
  c.vocab_size = integer("vocab_size", true, 0);
  c.hidden_size = integer("hidden_size", true, 0);
  c.intermediate_size = integer("intermediate_size", true, 0);
  c.num_hidden_layers = integer("num_hidden_layers", true, 0);
  c.num_attention_heads = integer("num_attention_heads", true, 0);
  c.num_key_value_heads = integer("num_key_value_heads", false, c.num_attention_heads);
  c.explicit_head_dim = integer("head_dim", false, 0);
  c.max_position_embeddings = integer("max_position_embeddings", false, 2048);
  c.rms_norm_eps = number("rms_norm_eps", 1e-6);
  c.rope_theta = number("rope_theta", 10000.0);
  c.tie_word_embeddings = boolean("tie_word_embeddings", false);
  c.attention_bias = type == "llama" && boolean("attention_bias", false);
  c.mlp_bias = type == "llama" && boolean("mlp_bias", false);
  c.bos_token_id = token("bos_token_id");
  c.eos_token_id = token("eos_token_id");
  c.eos_token_ids = token_ids_in(j, "eos_token_id", where);
  if (j.contains("hidden_act") && j["hidden_act"] != "silu")
    fail("hidden_act " + j["hidden_act"].dump() + " is not supported (silu)");
  if (j.contains("rope_scaling") && !j["rope_scaling"].is_null()) {
    const nlohmann::json& r = j["rope_scaling"];
    if (!r.is_object()) fail("key 'rope_scaling' must be an object or null");
    const nlohmann::json type_field = r.contains("rope_type") ? r["rope_type"] : r.value("type", nlohmann::json());
    const std::string rope = type_field.is_string() ? type_field.get<std::string>() : type_field.dump();
    if (rope == "linear") {
      c.rope_scaling.type = RopeScaling::Type::linear;
      c.rope_scaling.factor = number_in(r, "factor", true, 1.0);
    } else if (rope == "llama3") {
      c.rope_scaling.type = RopeScaling::Type::llama3;
      c.rope_scaling.factor = number_in(r, "factor", true, 1.0);
      c.rope_scaling.low_freq_factor = number_in(r, "low_freq_factor", true, 1.0);
      c.rope_scaling.high_freq_factor = number_in(r, "high_freq_factor", true, 4.0);
      c.rope_scaling.original_max_position_embeddings = integer_in(r, "original_max_position_embeddings", true, 0);
      if (c.rope_scaling.high_freq_factor <= c.rope_scaling.low_freq_factor)
        fail("rope_scaling: high_freq_factor must be above low_freq_factor");
    } else if (rope != "default") {
      fail("rope_scaling type '" + rope + "' is not supported (linear, llama3)");
    }
    if (c.rope_scaling.factor <= 0) fail("rope_scaling: factor must be positive");
  }
  if (c.num_attention_heads == 0 || (c.explicit_head_dim == 0 && c.hidden_size % c.num_attention_heads != 0))
    fail("hidden_size must be a multiple of num_attention_heads (or head_dim given)");
  if (c.num_key_value_heads == 0 || c.num_attention_heads % c.num_key_value_heads != 0)
    fail("num_attention_heads must be a multiple of num_key_value_heads");
  if (c.head_dim() % 2 != 0) fail("the head dimension must be even for rotary embeddings");
  c.source = j;
  return c;
}

LlamaConfig load_llama_config(const std::string& path) {
  const bool folder = std::filesystem::is_directory(path);
  std::string file = folder ? path + "/config.json" : path;
  auto j = nlohmann::json::parse(read_small_file(file), nullptr, false);
  if (j.is_discarded()) throw IoError(file + ": not valid JSON");
  LlamaConfig config = llama_config_from_json(j, file);
  // What Hugging Face's generate stops on: generation_config.json's list, when there.
  const std::string generation = path + "/generation_config.json";
  if (folder && std::filesystem::exists(generation)) {
    auto g = nlohmann::json::parse(read_small_file(generation), nullptr, false);
    if (!g.is_object()) throw IoError(generation + ": not a JSON object");
    for (int64_t id : token_ids_in(g, "eos_token_id", generation))
      if (std::find(config.eos_token_ids.begin(), config.eos_token_ids.end(), id) == config.eos_token_ids.end())
        config.eos_token_ids.push_back(id);
  }
  return config;
}

nlohmann::json LlamaConfig::to_json(const std::string& torch_dtype) const {
  nlohmann::json j = source.is_object() ? source : nlohmann::json::object();
  if (!source.is_object()) {
    j["architectures"] = {model_type == "qwen2" ? "Qwen2ForCausalLM" : "LlamaForCausalLM"};
    j["model_type"] = model_type;
    j["hidden_act"] = "silu";
  }
  // The values the model was built with (the source's own, unless set in code).
  j["vocab_size"] = vocab_size;
  j["hidden_size"] = hidden_size;
  j["intermediate_size"] = intermediate_size;
  j["num_hidden_layers"] = num_hidden_layers;
  j["num_attention_heads"] = num_attention_heads;
  j["num_key_value_heads"] = num_key_value_heads;
  j["max_position_embeddings"] = max_position_embeddings;
  j["rms_norm_eps"] = rms_norm_eps;
  j["rope_theta"] = rope_theta;
  j["tie_word_embeddings"] = tie_word_embeddings;
  if (model_type == "llama") {
    j["attention_bias"] = attention_bias;
    if (mlp_bias || j.contains("mlp_bias")) j["mlp_bias"] = mlp_bias;
  }
  if (explicit_head_dim > 0) j["head_dim"] = explicit_head_dim;
  if (bos_token_id >= 0 && !j.contains("bos_token_id")) j["bos_token_id"] = bos_token_id;
  if (eos_token_id >= 0 && !j.contains("eos_token_id")) j["eos_token_id"] = eos_token_id;
  j["torch_dtype"] = torch_dtype;
  return j;
}

}  // namespace mucpt
