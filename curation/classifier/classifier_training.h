#pragma once
// Trains a fastText domain classifier from a manifest whose sources carry a
// "domain" label (music, general, ...), holding out a deterministic share of the
// documents to measure precision, recall and F1 of the positive label.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/config.h"
#include "curation/manifest.h"

namespace mucpt {

struct ClassifierTrainingOptions {
  std::string positive_label = "music";
  int epochs = 10;
  int dim = 64;
  int word_ngrams = 2;
  double learning_rate = 0.5;
  int bucket = 0;  // 0: sized to the data
  int min_count = 1;
  // Sub-word features carry the domain to words never seen in training (new names,
  // other registers of music text) at some cost in training time.
  int char_ngrams_min = 3, char_ngrams_max = 5;
  double holdout = 0.1;
  uint64_t max_docs_per_label = 0;  // 0: all; else a deterministic sample
  bool quantize = false;            // also write a compressed .ftz beside the .bin
  int threads = 0;                  // 0: the cores given to the process; 1 is reproducible
  uint64_t seed = 0;                // classifier.seed, declared with the stage's options

  template <class Visitor>
  void visit(Visitor&& v) {
    v("classifier.train_label", positive_label, "train-classifier: the positive label whose precision/recall is reported");
    v("classifier.epochs", epochs, "train-classifier: fastText epochs");
    v("classifier.dim", dim, "train-classifier: fastText vector size");
    v("classifier.word_ngrams", word_ngrams, "train-classifier: word n-gram length");
    v("classifier.learning_rate", learning_rate, "train-classifier: fastText learning rate");
    v("classifier.bucket", bucket, "train-classifier: n-gram hash buckets (0: sized to the data)");
    v("classifier.min_count", min_count, "train-classifier: minimum word count");
    v("classifier.char_ngrams_min", char_ngrams_min, "train-classifier: shortest character n-gram (0: words only)");
    v("classifier.char_ngrams_max", char_ngrams_max, "train-classifier: longest character n-gram (0: words only)");
    v("classifier.holdout", holdout, "train-classifier: share of documents held out for evaluation");
    v("classifier.max_docs_per_label", max_docs_per_label,
      "train-classifier: cap per label, a deterministic sample (0: all)");
    v("classifier.quantize", quantize, "train-classifier: also write a quantised .ftz");
    v("classifier.threads", threads, "train-classifier: threads (0: the cores given to the process; 1: reproducible)");
  }
};

struct PrecisionRecallPoint {
  double threshold, precision, recall, f1;
};

struct ClassifierEvaluation {
  std::map<std::string, uint64_t> train_docs, holdout_docs;  // per label
  std::vector<PrecisionRecallPoint> curve;                   // thresholds 0.05 .. 0.95
  PrecisionRecallPoint at_half;                              // threshold 0.5
  nlohmann::json to_json() const;
};

void register_classifier_training_options(Config& config);
ClassifierTrainingOptions classifier_training_options(const Config& config);

// Writes model_path (and model_path with .ftz when quantizing) atomically and returns the
// held-out evaluation. The documents are cleaned by the same stages as in `curate`.
ClassifierEvaluation train_classifier(const Manifest& manifest, const Config& config,
                                      const ClassifierTrainingOptions& options, const std::string& model_path);

// Precision, recall and F1 of "positive" at each threshold.
std::vector<PrecisionRecallPoint> precision_recall_curve(const std::vector<std::pair<double, bool>>& scored,
                                                         const std::vector<double>& thresholds);

}  // namespace mucpt
