#pragma once
// The Llama architecture's hyper-parameters as a Hugging Face config.json states them
// (LlamaForCausalLM, and Qwen2's variant with biases on q/k/v).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace mucpt {

struct LlamaConfig {
  int64_t vocab_size = 0;
  int64_t hidden_size = 0;
  int64_t intermediate_size = 0;
  int64_t num_hidden_layers = 0;
  int64_t num_attention_heads = 0;
  int64_t num_key_value_heads = 0;
  int64_t max_position_embeddings = 2048;
  double rms_norm_eps = 1e-6;
  double rope_theta = 10000.0;
  bool tie_word_embeddings = false;
  bool attention_bias = false;  // Qwen2 has biases on q, k and v
  int64_t bos_token_id = -1, eos_token_id = -1;

  int64_t head_dim() const { return hidden_size / num_attention_heads; }
  nlohmann::json to_json() const;  // an HF config.json for LlamaForCausalLM
};

// Reads FOLDER/config.json or a config.json path; throws IoError naming the file and key.
LlamaConfig load_llama_config(const std::string& path);
LlamaConfig llama_config_from_json(const nlohmann::json& json, const std::string& where);

}  // namespace mucpt
