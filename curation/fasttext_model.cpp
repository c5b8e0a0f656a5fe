#include "curation/fasttext_model.h"

#include <fasttext/fasttext.h>
#include <sys/stat.h>

#include <map>
#include <mutex>
#include <sstream>

namespace mucpt {

std::shared_ptr<const FastTextModel> FastTextModel::load(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const FastTextModel>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache.find(path); it != cache.end()) return it->second;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw ModelError("fastText model '" + path + "' does not exist");
  auto model = std::make_shared<FastTextModel>();
  model->path_ = path;
  model->model_ = std::make_shared<fasttext::FastText>();
  try {
    model->model_->loadModel(path);
  } catch (const std::exception& e) {
    throw ModelError("fastText model '" + path + "' cannot be loaded: " + e.what());
  }
  cache[path] = model;
  return model;
}

std::vector<std::pair<std::string, float>> FastTextModel::predict(std::string_view text, int k) const {
  std::string line(text);
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  line += '\n';
  std::istringstream in(line);
  std::vector<std::pair<fasttext::real, std::string>> raw;
  model_->predictLine(in, raw, k, 0.0);
  std::vector<std::pair<std::string, float>> out;
  out.reserve(raw.size());
  constexpr std::string_view kPrefix = "__label__";
  for (auto& [p, label] : raw) {
    if (label.compare(0, kPrefix.size(), kPrefix) == 0) label.erase(0, kPrefix.size());
    out.emplace_back(std::move(label), static_cast<float>(p));
  }
  return out;
}

}  // namespace mucpt
