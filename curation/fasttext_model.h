#pragma once
// fastText models loaded once per process and shared by every stage that uses them
// (stages are rebuilt per work unit; a model is not).
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fasttext {
class FastText;
}

#include "common/errors.h"

namespace mucpt {

// A fastText model file that cannot be used (exit 2).
class ModelError : public UserError {
 public:
  using UserError::UserError;
};

class FastTextModel {
 public:
  // Loads path, or returns the copy already loaded. Throws ModelError naming the file
  // when it is missing or not a fastText model.
  static std::shared_ptr<const FastTextModel> load(const std::string& path);

  // Top-k labels (without "__label__") with probabilities, for one text. Newlines are
  // read as spaces, so a whole document is one input, as `fasttext predict` reads a line.
  std::vector<std::pair<std::string, float>> predict(std::string_view text, int k) const;

  // Probability of one label (without "__label__"); 0 when the model does not give it.
  double probability(std::string_view text, const std::string& label) const;
  bool has_label(const std::string& label) const;
  std::vector<std::string> labels() const;

  const std::string& path() const { return path_; }
  // A hash of the model file's bytes: the measures a stage keeps name the model that
  // made them, so `curate decide` with another model measures again.
  uint64_t content_hash() const { return content_hash_; }

 private:
  std::string path_;
  uint64_t content_hash_ = 0;
  std::shared_ptr<fasttext::FastText> model_;
};

}  // namespace mucpt
