#include "curation/stage_registry.h"

#include "curation/stages/length_filter.h"
#include "curation/stages/text_cleaner.h"
#include "curation/stages/unicode_normalizer.h"

namespace mucpt {

void register_stage_options(Config& config) {
  config.add_bool("normalize.enabled", true, "Unicode NFC normalisation of the text");
  config.add_bool("clean.enabled", true, "remove control/invisible characters and tidy whitespace");
  config.add_int("length.min_chars", 50, "drop documents with fewer characters after cleaning");
  config.add_int("length.max_chars", 0, "drop documents with more characters (0: no limit)");
}

std::vector<std::unique_ptr<Stage>> build_stages(const StageSettings& config) {
  std::vector<std::unique_ptr<Stage>> stages;
  if (config.get_bool("normalize.enabled")) stages.push_back(std::make_unique<UnicodeNormalizer>());
  if (config.get_bool("clean.enabled")) stages.push_back(std::make_unique<TextCleaner>());
  int64_t min_chars = config.get_int("length.min_chars");
  int64_t max_chars = config.get_int("length.max_chars");
  if (min_chars < 0 || max_chars < 0) throw ConfigError("length.min_chars and length.max_chars must not be negative");
  stages.push_back(std::make_unique<LengthFilter>(static_cast<uint64_t>(min_chars), static_cast<uint64_t>(max_chars)));
  return stages;
}

}  // namespace mucpt
