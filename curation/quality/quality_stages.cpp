#include "curation/quality/quality_stages.h"

#include <string>
#include <type_traits>

#include "curation/quality/boilerplate_filter.h"
#include "curation/quality/html_stripper.h"
#include "curation/quality/repeated_lines.h"

namespace mucpt {

void register_quality_options(Config& config) { register_options<QualityOptions>(config); }

const std::vector<const RuleTable*>& rule_tables() {
  static const std::vector<const RuleTable*> tables = {&gopher_repetition_rules(), &gopher_quality_rules(),
                                                       &fineweb_rules()};
  return tables;
}

bool is_rule_threshold_option(std::string_view key) {
  for (const RuleTable* table : rule_tables())
    if (reads_option(*table, key)) return true;
  return false;
}

void check_quality_options(const QualityOptions& options) {
  QualityOptions copy = options;
  visit_quality_options(copy, [](const char* key, auto& field, const char*) {
    using T = std::decay_t<decltype(field)>;
    if constexpr (!std::is_same_v<T, bool>) {
      if (field < 0) throw ConfigError(std::string(key) + " must not be negative");
    }
  });
  if (options.gopher_repetition.cjk_chars_per_word < 1)
    throw ConfigError("gopher_repetition.cjk_chars_per_word must be at least 1");
}

void append_html_stage(const QualityOptions& o, std::vector<std::unique_ptr<Stage>>& stages) {
  if (o.html_enabled) stages.push_back(std::make_unique<HtmlStripper>());
}

void append_quality_stages(const QualityOptions& o, std::vector<std::unique_ptr<Stage>>& stages) {
  if (o.boilerplate_enabled) stages.push_back(std::make_unique<BoilerplateFilter>(o.boilerplate));
  if (o.gopher_repetition_enabled)
    stages.push_back(std::make_unique<GopherRepetitionFilter>(o.gopher_repetition, o.cjk_share));
  if (o.repeated_lines_enabled) stages.push_back(std::make_unique<RepeatedLineRemover>());
  if (o.gopher_quality_enabled)
    stages.push_back(std::make_unique<GopherQualityFilter>(o.gopher_quality, o.shape, o.cjk_share));
  if (o.c4_enabled) stages.push_back(std::make_unique<C4Filter>(o.c4, o.shape, o.cjk_share));
  if (o.fineweb_enabled) stages.push_back(std::make_unique<FineWebFilter>(o.fineweb, o.shape, o.cjk_share));
}

}  // namespace mucpt
