#include "curation/stage_registry.h"

#include "curation/langid/language_filter.h"
#include "curation/stages/length_filter.h"
#include "curation/stages/text_cleaner.h"
#include "curation/stages/unicode_normalizer.h"

namespace mucpt {

void register_stage_options(Config& config) {
  config.add_bool("normalize.enabled", true, "Unicode NFC normalisation of the text");
  config.add_bool("clean.enabled", true, "remove control/invisible characters and tidy whitespace");
  config.add_string("langid.model", "", "fastText language-ID model (lid.176.bin/.ftz); empty: no language ID");
  config.add_string("langid.languages", "", "comma-separated languages to keep (empty: any)");
  config.add_double("langid.threshold", 0.65, "minimum probability of the top language");
  config.add_int("length.min_chars", 50, "drop documents with fewer characters after cleaning");
  config.add_int("length.max_chars", 0, "drop documents with more characters (0: no limit)");
}

std::vector<std::unique_ptr<Stage>> build_stages(const StageSettings& config) {
  std::vector<std::unique_ptr<Stage>> stages;
  if (config.get_bool("normalize.enabled")) stages.push_back(std::make_unique<UnicodeNormalizer>());
  if (config.get_bool("clean.enabled")) stages.push_back(std::make_unique<TextCleaner>());
  if (std::string model = config.get_string("langid.model"); !model.empty()) {
    stages.push_back(std::make_unique<LanguageFilter>(FastTextModel::load(model),
                                                      parse_language_list(config.get_string("langid.languages")),
                                                      config.get_double("langid.threshold")));
  }
  int64_t min_chars = config.get_int("length.min_chars");
  int64_t max_chars = config.get_int("length.max_chars");
  if (min_chars < 0 || max_chars < 0) throw ConfigError("length.min_chars and length.max_chars must not be negative");
  stages.push_back(std::make_unique<LengthFilter>(static_cast<uint64_t>(min_chars), static_cast<uint64_t>(max_chars)));
  return stages;
}

}  // namespace mucpt
