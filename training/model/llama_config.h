#pragma once
// The Llama architecture's hyper-parameters as a Hugging Face config.json states them
// (LlamaForCausalLM, and Qwen2ForCausalLM with its biases on q/k/v). Fields that
// change the computation and are not supported are refused by name.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mucpt {

// Rotary frequency scaling for long contexts (config.json "rope_scaling").
struct RopeScaling {
  enum class Type { none, linear, llama3 } type = Type::none;
  double factor = 1.0;
  double low_freq_factor = 1.0, high_freq_factor = 4.0;  // llama3
  int64_t original_max_position_embeddings = 8192;       // llama3
};

struct LlamaConfig {
  std::string model_type = "llama";  // "llama" or "qwen2"
  int64_t vocab_size = 0;
  int64_t hidden_size = 0;
  int64_t intermediate_size = 0;
  int64_t num_hidden_layers = 0;
  int64_t num_attention_heads = 0;
  int64_t num_key_value_heads = 0;
  int64_t explicit_head_dim = 0;  // "head_dim" when given; else hidden_size / heads
  int64_t max_position_embeddings = 2048;
  double rms_norm_eps = 1e-6;
  double rope_theta = 10000.0;
  RopeScaling rope_scaling;
  bool tie_word_embeddings = false;
  bool attention_bias = false;  // Llama: biases on q, k, v and o
  bool mlp_bias = false;        // Llama: biases on gate, up and down
  int64_t bos_token_id = -1, eos_token_id = -1;  // eos: the first of those listed
  // Every end-of-sequence id listed, in config.json and in a generation_config.json
  // beside it (instruction models end a turn with one of several: Llama 3.1's three).
  std::vector<int64_t> eos_token_ids;
  // The config.json this came from: saved back with every field it had, so the folder
  // stays what Hugging Face wrote (architecture, model_type, fields the toolkit does
  // not use).
  nlohmann::json source;

  int64_t head_dim() const { return explicit_head_dim > 0 ? explicit_head_dim : hidden_size / num_attention_heads; }
  // Qwen2 always has biases on q, k and v and none on o; Llama has them on all four or none.
  bool qkv_bias() const { return model_type == "qwen2" || attention_bias; }
  bool o_bias() const { return model_type == "llama" && attention_bias; }
  // An HF config.json: the source's fields, with torch_dtype the dtype saved.
  nlohmann::json to_json(const std::string& torch_dtype = "float32") const;
};

// Reads FOLDER/config.json (and FOLDER/generation_config.json's eos_token_id, when there)
// or a config.json path; throws IoError naming the file and key.
LlamaConfig load_llama_config(const std::string& path);
LlamaConfig llama_config_from_json(const nlohmann::json& json, const std::string& where);

}  // namespace mucpt
