#include "curation/stage_registry.h"

#include "common/declared_options.h"
#include "curation/classifier/domain_classifier.h"
#include "curation/decontam/decontaminator.h"
#include "curation/langid/language_filter.h"
#include "curation/metadata/metadata_join.h"
#include "curation/privacy/privacy_stage.h"
#include "curation/quality/quality_stages.h"
#include "curation/stages/length_filter.h"
#include "curation/stages/text_cleaner.h"
#include "curation/stages/unicode_normalizer.h"

namespace mucpt {

void register_stage_options(Config& config) {
  register_options<TextPreparationOptions>(config);
  register_options<PrivacyOptions>(config);
  register_options<DecontamOptions>(config);
  register_options<LanguageIdOptions>(config);
  register_options<ClassifierOptions>(config);
  register_options<LengthOptions>(config);
  register_quality_options(config);
  register_options<MetadataOptions>(config);
}

const std::vector<const RuleTable*>& threshold_rule_tables() {
  static const std::vector<const RuleTable*> tables = [] {
    std::vector<const RuleTable*> all{&langid_rules(), &classifier_rules(), &length_rules()};
    for (const RuleTable* table : rule_tables()) all.push_back(table);
    return all;
  }();
  return tables;
}

bool is_threshold_option(const std::string& key) {
  if (key == "langid.languages") return true;  // a set, applied to the stored language before the table
  for (const RuleTable* table : threshold_rule_tables())
    if (reads_option(*table, key)) return true;
  return false;
}

StageChain build_stage_chain(const StageSettings& config) {
  StageChain chain;
  std::vector<std::unique_ptr<Stage>>& stages = chain.preparing;
  const auto text = read_options<TextPreparationOptions>(config);
  if (text.normalize) stages.push_back(std::make_unique<UnicodeNormalizer>());
  if (text.clean) stages.push_back(std::make_unique<TextCleaner>());
  // Markup goes before anything reads the text; masking comes next, so that no later
  // stage's rejects/ carry personal data.
  add_html_stage(config, stages);
  if (const PrivacyOptions privacy = privacy_options_from(config); privacy.masking)
    stages.push_back(std::make_unique<PrivacyStage>(privacy));
  if (const auto decontam = read_options<DecontamOptions>(config); !decontam.benchmarks.empty()) {
    std::vector<std::string> paths;
    for (const auto& p : parse_language_list(decontam.benchmarks)) paths.push_back(p);
    if (decontam.ngram < 1 || decontam.cjk_ngram < 1)
      throw ConfigError("decontam.ngram and decontam.cjk_ngram must be positive");
    if (decontam.mode != "remove" && decontam.mode != "cut")
      throw ConfigError("decontam.mode must be remove or cut, not '" + decontam.mode + "'");
    stages.push_back(std::make_unique<Decontaminator>(Decontaminator::load(paths, decontam.ngram, decontam.cjk_ngram),
                                                      decontam.mode == "cut" ? DecontamMode::cut : DecontamMode::remove,
                                                      static_cast<size_t>(decontam.min_chars)));
  }
  // From here on the stages measure and decide; their measures are kept for `curate decide`.
  std::vector<std::unique_ptr<Stage>>& deciding = chain.deciding;
  if (const auto langid = read_options<LanguageIdOptions>(config); !langid.model.empty()) {
    deciding.push_back(std::make_unique<LanguageFilter>(FastTextModel::load(langid.model), langid));
  }
  if (const auto classifier = read_options<ClassifierOptions>(config); !classifier.model.empty())
    deciding.push_back(std::make_unique<DomainClassifier>(FastTextModel::load(classifier.model), classifier));
  const auto length = read_options<LengthOptions>(config);
  deciding.push_back(std::make_unique<LengthFilter>(length));
  add_quality_stages(config, deciding);  // after language ID, whose scores.lang it reads
  return chain;
}

}  // namespace mucpt
