#include "curation/stage_registry.h"

#include "curation/classifier/domain_classifier.h"
#include "curation/decontam/decontaminator.h"
#include "curation/langid/language_filter.h"
#include "curation/privacy/privacy_stage.h"
#include "curation/quality/quality_stages.h"
#include "curation/stages/length_filter.h"
#include "curation/stages/text_cleaner.h"
#include "curation/stages/unicode_normalizer.h"

namespace mucpt {

void register_stage_options(Config& config) {
  config.add_bool("normalize.enabled", true, "Unicode NFC normalisation of the text");
  config.add_bool("clean.enabled", true, "remove control/invisible characters and tidy whitespace");
  config.add_bool("privacy.enabled", true, "mask personal and secret data with typed tokens");
  config.add_int("privacy.max_hits", 20, "reject documents with more masked spans than this (0: no limit)");
  config.add_bool("privacy.public_ip_only", false, "mask only globally routable IP addresses");
  for (const PiiTypeInfo& t : pii_types()) {
    config.add_bool(std::string("privacy.") + t.name, true, std::string("mask ") + t.help);
    config.add_string(std::string("privacy.") + t.name + "_token", t.default_token, std::string("replacement for ") + t.help);
  }
  config.add_string("decontam.benchmarks", "",
                    "comma-separated benchmark files (JSONL or SimpleQA CSV); documents holding a question "
                    "with its answer are removed or cut (empty: off)");
  config.add_string("decontam.mode", "remove",
                    "remove: drop the document; cut: cut out the sentences of the question and of the answer");
  config.add_int("decontam.min_chars", 200, "cut mode: a document left with fewer characters is removed");
  config.add_int("decontam.ngram", 13, "question n-gram length in folded words");
  config.add_int("decontam.cjk_ngram", 10, "n-gram length in characters for questions mostly in CJK characters");
  config.add_string("langid.model", "", "fastText language-ID model (lid.176.bin/.ftz); empty: no language ID");
  config.add_string("langid.languages", "", "comma-separated languages to keep (empty: any)");
  config.add_double("langid.threshold", 0.65, "minimum probability of the top language");
  config.add_string("classifier.model", "", "fastText domain classifier (.bin/.ftz); empty: no classifier stage");
  config.add_string("classifier.label", "music", "the in-domain label; its probability is scores.<label>_p");
  config.add_string("classifier.policy", "threshold", "threshold | pareto | weight (see README)");
  config.add_double("classifier.threshold", 0.5, "threshold and weight policies: drop below this probability");
  config.add_double("classifier.pareto_alpha", 9.0, "pareto policy: keep when Pareto(alpha) > 1 - p");
  config.add_double("classifier.weight_scale", 2.0, "weight policy: weight = clip(p * scale, min, max)");
  config.add_double("classifier.weight_min", 0.1, "weight policy: lowest weight");
  config.add_double("classifier.weight_max", 3.0, "weight policy: highest weight");
  config.add_bool("classifier.by_paragraph", false, "score each paragraph and keep the best score");
  config.add_int("length.min_chars", 50, "drop documents with fewer characters after cleaning");
  config.add_int("length.max_chars", 0, "drop documents with more characters (0: no limit)");
  register_quality_options(config);
  config.add_bool("metadata.enabled", true, "render each document's metadata record (manifest \"metadata\") into its text");
  config.add_string("metadata.template", "",
                    "header template: {field} is a metadata field, \\n a new line; empty: one \"field: value\" line "
                    "per field");
}

StageChain build_stage_chain(const StageSettings& config) {
  StageChain chain;
  std::vector<std::unique_ptr<Stage>>& stages = chain.preparing;
  if (config.get_bool("normalize.enabled")) stages.push_back(std::make_unique<UnicodeNormalizer>());
  if (config.get_bool("clean.enabled")) stages.push_back(std::make_unique<TextCleaner>());
  // Markup goes before anything reads the text; masking comes next, so that no later
  // stage's rejects/ carry personal data.
  add_html_stage(config, stages);
  if (config.get_bool("privacy.enabled")) stages.push_back(std::make_unique<PrivacyStage>(privacy_options_from(config)));
  if (std::string benchmarks = config.get_string("decontam.benchmarks"); !benchmarks.empty()) {
    std::vector<std::string> paths;
    for (const auto& p : parse_language_list(benchmarks)) paths.push_back(p);
    int ngram = static_cast<int>(config.get_int("decontam.ngram"));
    int cjk_ngram = static_cast<int>(config.get_int("decontam.cjk_ngram"));
    if (ngram < 1 || cjk_ngram < 1) throw ConfigError("decontam.ngram and decontam.cjk_ngram must be positive");
    std::string mode = config.get_string("decontam.mode");
    if (mode != "remove" && mode != "cut") throw ConfigError("decontam.mode must be remove or cut, not '" + mode + "'");
    if (config.get_int("decontam.min_chars") < 0) throw ConfigError("decontam.min_chars must not be negative");
    stages.push_back(std::make_unique<Decontaminator>(Decontaminator::load(paths, ngram, cjk_ngram),
                                                      mode == "cut" ? DecontamMode::cut : DecontamMode::remove,
                                                      static_cast<size_t>(config.get_int("decontam.min_chars"))));
  }
  // From here on the stages measure and decide; their measures are kept for `curate decide`.
  std::vector<std::unique_ptr<Stage>>& deciding = chain.deciding;
  if (std::string model = config.get_string("langid.model"); !model.empty()) {
    deciding.push_back(std::make_unique<LanguageFilter>(FastTextModel::load(model),
                                                      parse_language_list(config.get_string("langid.languages")),
                                                      config.get_double("langid.threshold")));
  }
  if (std::string model = config.get_string("classifier.model"); !model.empty()) {
    ClassifierOptions o;
    o.label = config.get_string("classifier.label");
    o.policy = config.get_string("classifier.policy");
    o.threshold = config.get_double("classifier.threshold");
    o.pareto_alpha = config.get_double("classifier.pareto_alpha");
    o.weight_scale = config.get_double("classifier.weight_scale");
    o.weight_min = config.get_double("classifier.weight_min");
    o.weight_max = config.get_double("classifier.weight_max");
    o.by_paragraph = config.get_bool("classifier.by_paragraph");
    o.seed = static_cast<uint64_t>(config.get_int("classifier.seed"));
    deciding.push_back(std::make_unique<DomainClassifier>(FastTextModel::load(model), o));
  }
  int64_t min_chars = config.get_int("length.min_chars");
  int64_t max_chars = config.get_int("length.max_chars");
  if (min_chars < 0 || max_chars < 0) throw ConfigError("length.min_chars and length.max_chars must not be negative");
  deciding.push_back(std::make_unique<LengthFilter>(static_cast<uint64_t>(min_chars), static_cast<uint64_t>(max_chars)));
  add_quality_stages(config, deciding);  // after language ID, whose scores.lang it reads
  return chain;
}

}  // namespace mucpt
