#include "curation/classifier/classifier_training.h"

#include <fasttext/fasttext.h>
#include <sched.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "common/declared_options.h"
#include "common/hashing.h"
#include "common/jsonl_parser.h"
#include "common/line_reader.h"
#include "common/log.h"
#include "curation/classifier/classifier_text.h"
#include "curation/classifier/domain_classifier.h"
#include "curation/fasttext_model.h"
#include "curation/stage_registry.h"
#include "curation/stages/text_cleaner.h"
#include "curation/stages/unicode_normalizer.h"

namespace mucpt {

void register_classifier_training_options(Config& config) { register_options<ClassifierTrainingOptions>(config); }

ClassifierTrainingOptions classifier_training_options(const Config& config) {
  ClassifierTrainingOptions o = read_options<ClassifierTrainingOptions>(config);
  o.seed = read_options<ClassifierOptions>(config).seed;
  if (o.holdout <= 0 || o.holdout >= 1) throw ConfigError("classifier.holdout must be between 0 and 1");
  if (o.epochs < 1 || o.dim < 1 || o.word_ngrams < 1) throw ConfigError("classifier.epochs, dim and word_ngrams must be positive");
  return o;
}

std::vector<PrecisionRecallPoint> precision_recall_curve(const std::vector<std::pair<double, bool>>& scored,
                                                         const std::vector<double>& thresholds) {
  std::vector<PrecisionRecallPoint> curve;
  for (double t : thresholds) {
    uint64_t tp = 0, fp = 0, fn = 0;
    for (const auto& [p, positive] : scored) {
      bool predicted = p >= t;
      tp += predicted && positive;
      fp += predicted && !positive;
      fn += !predicted && positive;
    }
    double precision = tp + fp ? static_cast<double>(tp) / static_cast<double>(tp + fp) : 1.0;
    double recall = tp + fn ? static_cast<double>(tp) / static_cast<double>(tp + fn) : 1.0;
    double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
    curve.push_back({t, precision, recall, f1});
  }
  return curve;
}

nlohmann::json ClassifierEvaluation::to_json() const {
  nlohmann::json j;
  j["train_docs"] = train_docs;
  j["holdout_docs"] = holdout_docs;
  j["precision"] = at_half.precision;
  j["recall"] = at_half.recall;
  j["f1"] = at_half.f1;
  for (const auto& p : curve)
    j["curve"].push_back({{"threshold", p.threshold}, {"precision", p.precision}, {"recall", p.recall}, {"f1", p.f1}});
  return j;
}

namespace {

struct Example {
  uint64_t order;  // a hash: shuffles and samples deterministically
  double split;    // an independent uniform draw: below the holdout share is held out
  std::string label;
  std::string text;
};

// Every parsed, cleaned document of every source, labelled by its source's domain.
std::vector<Example> read_examples(const Manifest& manifest, const Config& config, uint64_t seed) {
  std::vector<Example> examples;
  const auto text = read_options<TextPreparationOptions>(config);
  const bool normalize = text.normalize, clean = text.clean;
  UnicodeNormalizer normalizer;
  TextCleaner cleaner;
  for (const auto& source : manifest.sources) {
    if (source.domain.empty())
      throw ConfigError("source '" + source.name + "' has no \"domain\": train-classifier needs one per source");
    JsonlParser parser(source.text_field, source.id_field);
    Document doc;
    std::string detail;
    for (const auto& path : expand_source_paths(manifest, source)) {
      LineReader reader(path);
      std::string_view line;
      uint64_t line_number = 0;
      while (reader.next(line)) {
        ++line_number;
        if (parser.parse(line, reader.readable_after_line_start(), doc, detail) != ParseStatus::ok) continue;
        if (normalize) normalizer.process(doc);
        if (clean) cleaner.process(doc);
        std::string text = classifier_text(doc.text);
        if (text.empty()) continue;
        std::string key = path + ":" + std::to_string(line_number);
        examples.push_back({hash64(key, seed), unit_interval_from(key, seed + 1), source.domain, std::move(text)});
      }
    }
  }
  return examples;
}

int cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  return sched_getaffinity(0, sizeof set, &set) == 0 ? std::max(1, CPU_COUNT(&set)) : 1;
}

}  // namespace

ClassifierEvaluation train_classifier(const Manifest& manifest, const Config& config,
                                      const ClassifierTrainingOptions& options, const std::string& model_path) {
  std::vector<Example> examples = read_examples(manifest, config, options.seed);
  std::sort(examples.begin(), examples.end(), [](const Example& a, const Example& b) { return a.order < b.order; });

  ClassifierEvaluation evaluation;
  std::map<std::string, uint64_t> taken;
  std::string train_path = model_path + ".train.tmp";
  std::vector<const Example*> holdout;
  uint64_t train_bytes = 0;
  {
    std::ofstream train(train_path);
    if (!train) throw ConfigError("cannot write the training file " + train_path);
    for (const auto& e : examples) {
      if (options.max_docs_per_label && taken[e.label] >= options.max_docs_per_label) continue;
      ++taken[e.label];
      if (e.split < options.holdout) {
        holdout.push_back(&e);
        ++evaluation.holdout_docs[e.label];
        continue;
      }
      train << "__label__" << e.label << ' ' << e.text << '\n';
      train_bytes += e.text.size();
      ++evaluation.train_docs[e.label];
    }
  }
  if (evaluation.train_docs.size() < 2) {
    std::remove(train_path.c_str());
    throw ConfigError("train-classifier needs documents of at least two domains; found " +
                      std::to_string(evaluation.train_docs.size()));
  }
  if (!evaluation.train_docs.count(options.positive_label)) {
    std::remove(train_path.c_str());
    throw ConfigError("no training documents have the domain '" + options.positive_label + "'");
  }

  fasttext::Args args;
  args.input = train_path;
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.epoch = options.epochs;
  args.dim = options.dim;
  args.wordNgrams = options.word_ngrams;
  args.lr = options.learning_rate;
  args.minCount = options.min_count;
  args.minn = options.char_ngrams_min;
  args.maxn = options.char_ngrams_max;
  // Few buckets for small data keep the model small; 2M (fastText's default) at scale.
  args.bucket = options.bucket > 0 ? options.bucket : (train_bytes < (100u << 20) ? 200000 : 2000000);
  args.thread = options.threads > 0 ? options.threads : cores();
  args.seed = static_cast<int>(options.seed);
  args.verbose = 0;
  log_info("training on ", examples.size() - holdout.size(), " documents (", train_bytes / 1000000.0, " MB), holding out ",
           holdout.size());
  fasttext::FastText model;
  try {
    model.train(args);
  } catch (const std::exception& e) {
    std::remove(train_path.c_str());
    throw ConfigError(std::string("fastText training failed: ") + e.what());
  }
  std::string tmp_model = model_path + ".tmp.bin";
  model.saveModel(tmp_model);
  if (std::rename(tmp_model.c_str(), model_path.c_str()) != 0) throw ConfigError("cannot write " + model_path);

  if (options.quantize) {
    fasttext::Args qargs = args;
    qargs.qnorm = true;
    qargs.retrain = false;
    qargs.cutoff = 100000;
    model.quantize(qargs);
    std::string ftz = model_path.substr(0, model_path.rfind('.')) + ".ftz";
    std::string tmp_ftz = ftz + ".tmp.ftz";
    model.saveModel(tmp_ftz);
    std::rename(tmp_ftz.c_str(), ftz.c_str());
  }
  std::remove(train_path.c_str());

  auto trained = FastTextModel::load(model_path);
  std::vector<std::pair<double, bool>> scored;
  for (const Example* e : holdout)
    scored.emplace_back(trained->probability(e->text, options.positive_label), e->label == options.positive_label);
  std::vector<double> thresholds;
  for (int t = 1; t <= 19; ++t) thresholds.push_back(t * 0.05);
  evaluation.curve = precision_recall_curve(scored, thresholds);
  evaluation.at_half = precision_recall_curve(scored, {0.5})[0];
  return evaluation;
}

}  // namespace mucpt
