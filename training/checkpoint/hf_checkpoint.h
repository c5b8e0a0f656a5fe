#pragma once
// Hugging Face model folders: config.json plus model.safetensors, or shards listed by
// model.safetensors.index.json. Parameters are matched by name; every parameter must be
// present with its shape, and a tensor the model does not have is an error too, so a
// checkpoint of another architecture never half-loads.
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

// Writes config.json and model.safetensors (float32, HF names) into folder, and copies
// tokenizer_json there when given: a folder HF transformers and vLLM load as is.
void save_llama(LlamaForCausalLM& model, const std::string& folder, const std::string& tokenizer_json = "");

// Named float32 tensors to and from one safetensors file (the trainer's own state).
void save_tensors(const std::string& path, const std::vector<std::pair<std::string, torch::Tensor>>& tensors);
std::map<std::string, torch::Tensor> load_tensors(const std::string& path);

}  // namespace mucpt
