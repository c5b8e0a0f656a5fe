#pragma once
// Hugging Face model folders: config.json plus model.safetensors, or shards listed by
// model.safetensors.index.json. Parameters are matched by name; every parameter must be
// present with its shape, and a tensor the model does not have is an error too, so a
// checkpoint of another architecture never half-loads.
#include <string>

#include "training/model/llama.h"

namespace mucpt {

LlamaForCausalLM load_llama(const std::string& folder);

}  // namespace mucpt
