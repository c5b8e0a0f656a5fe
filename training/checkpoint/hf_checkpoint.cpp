#include "training/checkpoint/hf_checkpoint.h"

#include <filesystem>
#include <memory>
#include <optional>
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
        // HF folders of tied models sometimes still carry lm_head.weight, a copy of the
        // embeddings the model uses in its place: skipped, as transformers does.
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

namespace {

struct SavedDtype {
  std::string name, code;  // HF torch_dtype, safetensors dtype
  torch::ScalarType type;
  size_t bytes;
};

std::optional<SavedDtype> find_saved_dtype(const std::string& name) {
  if (name == "float32") return SavedDtype{name, "F32", torch::kFloat32, 4};
  if (name == "bfloat16") return SavedDtype{name, "BF16", torch::kBFloat16, 2};
  if (name == "float16") return SavedDtype{name, "F16", torch::kFloat16, 2};
  return std::nullopt;
}

SavedDtype saved_dtype(const std::string& name) {
  if (auto dtype = find_saved_dtype(name)) return *dtype;
  throw UserError("save dtype '" + name + "' is not one of float32, bfloat16, float16");
}

}  // namespace

bool is_saved_dtype(const std::string& name) { return find_saved_dtype(name).has_value(); }

namespace {

std::string shard_name(size_t k, size_t n) {
  char name[64];
  std::snprintf(name, sizeof name, "model-%05zu-of-%05zu.safetensors", k, n);
  return name;
}

}  // namespace

std::string saved_dtype_name(const LlamaConfig& config, const SaveOptions& options) {
  if (!options.dtype.empty()) return options.dtype;
  const nlohmann::json& source = config.source;
  if (source.is_object() && source.value("torch_dtype", nlohmann::json()).is_string())
    return source["torch_dtype"].get<std::string>();
  return "float32";
}

uint64_t parse_byte_size(const std::string& text) {
  size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const std::string unit = text.substr(used);
  static const std::map<std::string, double> units{{"", 1},         {"B", 1},          {"KB", 1e3},
                                                   {"MB", 1e6},     {"GB", 1e9},       {"KiB", 1024.0},
                                                   {"MiB", 1048576.0}, {"GiB", 1073741824.0}};
  auto it = units.find(unit);
  // NaN and infinity parse as numbers; a size past 2^64 bytes cannot be cast.
  if (used == 0 || it == units.end() || !(value > 0) || !(value * it->second < 1.8e19))
    throw std::invalid_argument("'" + text + "' is not a size such as 5GB, 500MB or 2GiB");
  return static_cast<uint64_t>(value * it->second);
}

void save_llama(LlamaForCausalLM& model, const std::string& folder, const std::string& tokenizer_json,
                const SaveOptions& options) {
  const SavedDtype dtype = saved_dtype(saved_dtype_name(model->config, options));
  fs::create_directories(folder);
  for (const auto& entry : fs::directory_iterator(folder)) {  // weights of an earlier save
    const std::string name = entry.path().filename().string();
    if (name.size() > 12 && name.compare(name.size() - 12, 12, ".safetensors") == 0) fs::remove(entry.path());
  }
  fs::remove(folder + "/model.safetensors.index.json");

  // Shards in parameter order, each at most max_shard_bytes (a larger tensor alone).
  std::vector<torch::Tensor> keep;
  std::vector<std::vector<SafetensorsTensor>> shards(1);
  uint64_t shard_bytes = 0, total = 0;
  for (const auto& p : model->named_parameters()) {
    keep.push_back(p.value().detach().to(torch::kCPU, dtype.type).contiguous());
    const auto& t = keep.back();
    const size_t bytes = static_cast<size_t>(t.numel()) * dtype.bytes;
    if (shard_bytes > 0 && shard_bytes + bytes > options.max_shard_bytes) {
      shards.emplace_back();
      shard_bytes = 0;
    }
    shards.back().push_back({p.key(), dtype.code, t.sizes().vec(), t.data_ptr(), bytes});
    shard_bytes += bytes;
    total += bytes;
  }
  if (shards.size() == 1) {
    write_safetensors(folder + "/model.safetensors", std::move(shards[0]));
  } else {
    nlohmann::json index{{"metadata", {{"total_size", total}}}, {"weight_map", nlohmann::json::object()}};
    for (size_t k = 0; k < shards.size(); ++k) {
      const std::string name = shard_name(k + 1, shards.size());
      for (const auto& t : shards[k]) index["weight_map"][t.name] = name;
      write_safetensors(folder + "/" + name, std::move(shards[k]));
    }
    write_file_atomically(folder + "/model.safetensors.index.json", index.dump(2) + "\n");
  }
  write_file_atomically(folder + "/config.json", model->config.to_json(dtype.name).dump(2) + "\n");
  if (!tokenizer_json.empty()) write_file_atomically(folder + "/tokenizer.json", read_small_file(tokenizer_json));
}

}  // namespace mucpt
