#include "curation/classifier/domain_classifier.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/config.h"
#include "common/hashing.h"
#include "curation/classifier/classifier_text.h"
#include "common/measure_cache.h"

namespace mucpt {

double pareto_draw(double u, double alpha) { return std::pow(1.0 - u, -1.0 / alpha) - 1.0; }

namespace {
enum Condition : size_t { kThresholdPolicy = 1 };
}

const RuleTable& classifier_rules() {
  static const RuleTable table{"classifier",
                               {"p(label)"},
                               {{"classifier.threshold", 0, Rejects::below, "off_domain", kThresholdPolicy}},
                               {"policy threshold or weight"},
                               {}};
  return table;
}

DomainClassifier::DomainClassifier(std::shared_ptr<const FastTextModel> model, ClassifierOptions options)
    : model_(std::move(model)),
      options_(std::move(options)),
      score_name_(options_.label + "_p"),
      rules_(classifier_rules(), options_) {
  if (options_.policy == "threshold") policy_ = Policy::threshold;
  else if (options_.policy == "pareto") policy_ = Policy::pareto;
  else if (options_.policy == "weight") policy_ = Policy::weight;
  else throw ConfigError("classifier.policy must be threshold, pareto or weight, not '" + options_.policy + "'");
  if (!model_->has_label(options_.label))
    throw ConfigError("classifier.label '" + options_.label + "' is not a label of " + model_->path());
}

double DomainClassifier::probability(std::string_view text) const {
  return model_->probability(classifier_text(text), options_.label);
}

double DomainClassifier::measure(std::string_view text) const {
  if (!options_.by_paragraph) return probability(text);
  double p = 0.0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    if (end > start) p = std::max(p, probability(text.substr(start, end - start)));
    start = end + 2;
  }
  return p;
}

Verdict DomainClassifier::process(Document& doc) {
  double p = 0.0;
  const uint64_t key =
      measure_key(doc.text, hash64(options_.label, hash64(int64_t{options_.by_paragraph}, model_->content_hash())));
  if (const Score* found = find_measures(doc, name(), key, 1)) {
    p = found->number;
  } else {
    p = measure(doc.text);
    store_measures(doc, name(), key, 1)->number = p;
  }
  doc.set_score(score_name_, p);
  ++histogram_[doc.source][std::min<size_t>(9, static_cast<size_t>(p * 10))];

  if (policy_ == Policy::pareto) {
    double u = unit_interval_from(doc.id, options_.seed);
    if (!(pareto_draw(u, options_.pareto_alpha) > 1.0 - p)) return Verdict::rejected("off_domain_sampled");
    return Verdict::kept();
  }
  const Verdict verdict = verdict_of(p);
  if (verdict.keep() && policy_ == Policy::weight)
    doc.weight *= std::clamp(p * options_.weight_scale, options_.weight_min, options_.weight_max);
  return verdict;
}

std::optional<Verdict> DomainClassifier::decide_on_measures(const Document& doc) const {
  const Score* found = stored_measures(doc, name(), 1);
  if (!found || policy_ == Policy::pareto) return std::nullopt;
  return verdict_of(found->number);
}

Verdict DomainClassifier::verdict_of(double p) const {
  return rules_.decide(&p, [this](size_t) { return policy_ != Policy::pareto; });
}

void DomainClassifier::write_counters(nlohmann::json& out) const {
  for (const auto& [source, bins] : histogram_) {
    for (size_t b = 0; b < bins.size(); ++b) {
      char key[16];
      std::snprintf(key, sizeof key, "%.1f-%.1f", b / 10.0, (b + 1) / 10.0);
      out["histogram"][source][key] = bins[b];
    }
  }
}

}  // namespace mucpt
