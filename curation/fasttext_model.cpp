#include "curation/fasttext_model.h"

#include <fasttext/dictionary.h>
#include <fasttext/fasttext.h>
#include <sys/stat.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <sstream>

#include "common/hashing.h"
#include "common/mapped_file.h"

namespace mucpt {

std::shared_ptr<const FastTextModel> FastTextModel::load(const std::string& path) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const FastTextModel>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw ModelError("fastText model '" + path + "' does not exist");
  // Keyed by size and modification time too, so a retrained model is not served stale.
  std::string key = path + "|" + std::to_string(st.st_size) + "|" + std::to_string(st.st_mtim.tv_sec) + "." +
                    std::to_string(st.st_mtim.tv_nsec);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  auto model = std::make_shared<FastTextModel>();
  model->path_ = path;
  model->model_ = std::make_shared<fasttext::FastText>();
  try {
    model->model_->loadModel(path);
  } catch (const std::exception& e) {
    throw ModelError("fastText model '" + path + "' cannot be loaded: " + e.what());
  }
  model->content_hash_ = hash64(MappedFile(path).bytes());
  cache[key] = model;
  return model;
}

namespace {
// An input stream over a caller's buffer, without the copy std::istringstream makes.
class BufferStream : public std::streambuf {
 public:
  BufferStream(char* begin, char* end) { setg(begin, begin, end); }
};
}  // namespace

std::vector<std::pair<std::string, float>> FastTextModel::predict(std::string_view text, int k) const {
  thread_local std::string line;
  line.assign(text);
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  line += '\n';
  BufferStream buffer(line.data(), line.data() + line.size());
  std::istream in(&buffer);
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

namespace mucpt {

double FastTextModel::probability(std::string_view text, const std::string& label) const {
  for (const auto& [name, p] : predict(text, -1)) {
    if (name == label) return p;
  }
  return 0.0;
}

std::vector<std::string> FastTextModel::labels() const {
  auto dict = model_->getDictionary();
  std::vector<std::string> labels;
  constexpr std::string_view kPrefix = "__label__";
  for (int32_t i = 0; i < dict->nlabels(); ++i) {
    std::string label = dict->getLabel(i);
    if (label.compare(0, kPrefix.size(), kPrefix) == 0) label.erase(0, kPrefix.size());
    labels.push_back(std::move(label));
  }
  return labels;
}

bool FastTextModel::has_label(const std::string& label) const {
  auto all = labels();
  return std::find(all.begin(), all.end(), label) != all.end();
}

}  // namespace mucpt
