#include "training/checkpoint/hf_checkpoint.h"

#include <filesystem>
#include <memory>
#include <set>

#include "common/config.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "training/checkpoint/safetensors_file.h"
#include "training/checkpoint/safetensors_writer.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

torch::ScalarType torch_dtype(const std::string& dtype, const std::string& where) {
  if (dtype == "F32") return torch::kFloat32;
  if (dtype == "F16") return torch::kHalf;
  if (dtype == "BF16") return torch::kBFloat16;
  if (dtype == "F64") return torch::kFloat64;
  throw IoError(where + ": dtype " + dtype + " is not a floating-point weight");
}

}  // namespace

std::vector<std::string> model_weight_files(const std::string& folder) {
  const std::string index = folder + "/model.safetensors.index.json";
  if (fs::exists(index)) {
    auto j = nlohmann::json::parse(read_small_file(index), nullptr, false);
    if (!j.is_object() || !j.contains("weight_map") || !j["weight_map"].is_object())
      throw IoError(index + ": needs a \"weight_map\" object");
    std::set<std::string> shards;
    for (const auto& [name, shard] : j["weight_map"].items()) {
      if (!shard.is_string())
        throw IoError(index + ": weight_map key '" + name + "' must name a file (a string), not " + shard.dump());
      shards.insert(shard.get<std::string>());
    }
    std::vector<std::string> files;
    for (const auto& s : shards) files.push_back(folder + "/" + s);
    return files;
  }
  const std::string single = folder + "/model.safetensors";
  if (!fs::exists(single)) throw IoError(folder + ": has neither model.safetensors nor model.safetensors.index.json");
  return {single};
}

LlamaForCausalLM load_llama(const std::string& folder) {
  LlamaForCausalLM model(load_llama_config(folder));
  auto parameters = model->named_parameters();
  std::set<std::string> missing;
  for (const auto& p : parameters) missing.insert(p.key());
  torch::NoGradGuard no_grad;
  for (const std::string& path : model_weight_files(folder)) {
    SafetensorsFile file(path);
    for (const auto& [name, entry] : file.tensors()) {
      const std::string where = path + ": tensor '" + name + "'";
      torch::Tensor* target = parameters.find(name);
      if (!target) {
        // HF folders of tied models sometimes still carry lm_head.weight: it must equal
        // the embeddings the model uses in its place, so it is read and not needed.
        if (name == "lm_head.weight" && model->config.tie_word_embeddings) continue;
        throw IoError(where + " is not a parameter of this Llama model");
      }
      if (target->sizes().vec() != entry.shape)
        throw IoError(where + " has shape " + nlohmann::json(entry.shape).dump() + ", the model needs " +
                      nlohmann::json(target->sizes().vec()).dump());
      auto source = torch::from_blob(const_cast<void*>(file.data(entry)), entry.shape,
                                     torch::TensorOptions().dtype(torch_dtype(entry.dtype, where)));
      target->copy_(source);
      missing.erase(name);
    }
  }
  if (!missing.empty()) throw IoError(folder + ": the checkpoint lacks tensor '" + *missing.begin() + "'");
  return model;
}

LlamaForCausalLM load_llama_for(const std::string& folder, const std::string& role) {
  try {
    return load_llama(folder);
  } catch (const IoError& e) {
    throw UserError(role + ": " + e.what());
  }
}

void save_tensors(const std::string& path, const std::vector<std::pair<std::string, torch::Tensor>>& tensors) {
  std::vector<torch::Tensor> keep;  // contiguous float32 copies alive until written
  std::vector<SafetensorsTensor> out;
  for (const auto& [name, tensor] : tensors) {
    keep.push_back(tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous());
    const auto& t = keep.back();
    out.push_back({name, "F32", t.sizes().vec(), t.data_ptr(), static_cast<size_t>(t.numel()) * 4});
  }
  write_safetensors(path, std::move(out));
}

std::map<std::string, torch::Tensor> load_tensors(const std::string& path) {
  SafetensorsFile file(path);
  std::map<std::string, torch::Tensor> out;
  for (const auto& [name, entry] : file.tensors()) {
    auto view = torch::from_blob(const_cast<void*>(file.data(entry)), entry.shape,
                                 torch::TensorOptions().dtype(torch_dtype(entry.dtype, path + ": tensor '" + name + "'")));
    out.emplace(name, view.to(torch::kFloat32).clone());
  }
  return out;
}

void save_llama(LlamaForCausalLM& model, const std::string& folder, const std::string& tokenizer_json) {
  fs::create_directories(folder);
  std::vector<std::pair<std::string, torch::Tensor>> parameters;
  for (const auto& p : model->named_parameters()) parameters.emplace_back(p.key(), p.value());
  save_tensors(folder + "/model.safetensors", parameters);
  write_file_atomically(folder + "/config.json", model->config.to_json().dump(2) + "\n");
  if (!tokenizer_json.empty()) fs::copy_file(tokenizer_json, folder + "/tokenizer.json", fs::copy_options::overwrite_existing);
}

}  // namespace mucpt
