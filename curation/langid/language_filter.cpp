#include "curation/langid/language_filter.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "common/measure_cache.h"

namespace mucpt {

const RuleTable& langid_rules() {
  static const RuleTable table{
      "langid", {"lang", "lang_p"}, {{"langid.threshold", 1, Rejects::below, "low_language_score"}}, {}, {}};
  return table;
}

LanguageFilter::LanguageFilter(std::shared_ptr<const FastTextModel> model, const LanguageIdOptions& options)
    : model_(std::move(model)), languages_(parse_language_list(options.languages)), rules_(langid_rules(), options) {}

Verdict LanguageFilter::process(Document& doc) {
  std::string lang;
  double p = 0.0;
  const uint64_t key = measure_key(doc.text, model_->content_hash());
  if (const Score* found = find_measures(doc, name(), key, 2)) {
    lang = found[0].label;
    p = found[1].number;
  } else {
    auto top = model_->predict(doc.text, 1);
    lang = top.empty() ? "unknown" : top[0].first;
    p = top.empty() ? 0.0 : top[0].second;
    Score* out = store_measures(doc, name(), key, 2);
    out[0].label = lang;
    out[1].number = p;
  }
  doc.set_label("lang", lang);
  doc.set_score("lang_p", p);
  ++per_language_[lang];
  return verdict_of(lang, p);
}

Verdict LanguageFilter::verdict_of(const std::string& lang, double p) const {
  if (!languages_.empty() && !languages_.count(lang)) return Verdict::rejected("unwanted_language");
  const double measures[] = {0, p};  // the label is not a number: the table reads p alone
  return rules_.decide(measures, [](size_t) { return true; });
}

std::optional<Verdict> LanguageFilter::decide_on_measures(const Document& doc) const {
  const Score* found = stored_measures(doc, name(), 2);
  if (!found) return std::nullopt;
  return verdict_of(found[0].label, found[1].number);
}

void LanguageFilter::write_counters(nlohmann::json& out) const {
  for (const auto& [lang, n] : per_language_) out["languages"][lang] = n;
}

std::set<std::string> parse_language_list(const std::string& comma_separated) {
  std::set<std::string> languages;
  std::stringstream ss(comma_separated);
  std::string item;
  while (std::getline(ss, item, ',')) {
    size_t b = item.find_first_not_of(" \t");
    size_t e = item.find_last_not_of(" \t");
    if (b != std::string::npos) languages.insert(item.substr(b, e - b + 1));
  }
  return languages;
}

}  // namespace mucpt
