#pragma once
// Hugging Face model folders: config.json plus model.safetensors, or shards listed by
// model.safetensors.index.json. Parameters are matched by name; every parameter must be
// present with its shape, and a tensor the model does not have is an error too, so a
// checkpoint of another architecture never half-loads.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "training/model/llama.h"

namespace mucpt {

LlamaForCausalLM load_llama(const std::string& folder);
// The safetensors files that hold a folder's weights: the shards its index names, in
// name order, or model.safetensors. Throws IoError naming what is missing or malformed.
std::vector<std::string> model_weight_files(const std::string& folder);
// The same for a command: a folder that does not load is the user's to fix (UserError,
// the message starting with the model's role, e.g. "reference model").
LlamaForCausalLM load_llama_for(const std::string& folder, const std::string& role);

struct SaveOptions {
  // float32, bfloat16 or float16; empty: the config's own torch_dtype (float32 if none).
  std::string dtype;
  // Above this many bytes the weights go to model-0000K-of-0000N.safetensors files
  // listed by model.safetensors.index.json, as Hugging Face shards them.
  uint64_t max_shard_bytes = 5'000'000'000;
};

// Writes config.json (every field of the config the model came from, torch_dtype set
// to the dtype saved) and the weights by their HF names into folder, and copies
// tokenizer_json there when given: a folder HF transformers and vLLM load as is.
void save_llama(LlamaForCausalLM& model, const std::string& folder, const std::string& tokenizer_json = "",
                const SaveOptions& options = {});

// The dtype save_llama writes for this model and these options.
std::string saved_dtype_name(const LlamaConfig& config, const SaveOptions& options);
// Whether save_llama writes weights in this dtype: float32, bfloat16 or float16.
bool is_saved_dtype(const std::string& name);

// "5GB", "500MB", "2GiB", "1000000" (bytes); throws std::invalid_argument otherwise.
uint64_t parse_byte_size(const std::string& text);

// Named float32 tensors to and from one safetensors file (the trainer's own state).
void save_tensors(const std::string& path, const std::vector<std::pair<std::string, torch::Tensor>>& tensors);
std::map<std::string, torch::Tensor> load_tensors(const std::string& path);

}  // namespace mucpt
