#pragma once
// Scores every document with a fastText domain classifier (scores.<label>_p, for
// example music_p) and applies one weighting policy. Each decision is seeded by the
// document id alone, so it is the same on any rank and in any order.
//   threshold: drop below the threshold.
//   pareto:    keep when a Pareto(alpha) draw exceeds 1 - p (the GPT-3 rule NeMo Curator
//              uses), so low scores survive now and then.
//   weight:    drop below the threshold, then weight = clip(p * scale, min, max), which
//              mixing and packing use to up- or down-sample.
#include <array>
#include <map>
#include <memory>
#include <string>

#include "curation/fasttext_model.h"
#include "curation/quality/threshold_rules.h"
#include "curation/stage.h"

namespace mucpt {

struct ClassifierOptions {
  std::string model;  // empty: no classifier stage
  std::string label = "music";
  std::string policy = "threshold";
  double threshold = 0.5;
  double pareto_alpha = 9.0;
  double weight_scale = 2.0, weight_min = 0.1, weight_max = 3.0;
  bool by_paragraph = false;  // score paragraphs; the document keeps the best one's score
  uint64_t seed = 0;          // also seeds `curate train-classifier`'s held-out split

  template <class Visitor>
  void visit(Visitor&& v) {
    v("classifier.model", model, "fastText domain classifier (.bin/.ftz); empty: no classifier stage");
    v("classifier.label", label, "the in-domain label; its probability is scores.<label>_p");
    v("classifier.policy", policy, "threshold | pareto | weight (see README)");
    v("classifier.threshold", threshold, "threshold and weight policies: drop below this probability");
    v("classifier.pareto_alpha", pareto_alpha, "pareto policy: keep when Pareto(alpha) > 1 - p");
    v("classifier.weight_scale", weight_scale, "weight policy: weight = clip(p * scale, min, max)");
    v("classifier.weight_min", weight_min, "weight policy: lowest weight");
    v("classifier.weight_max", weight_max, "weight policy: highest weight");
    v("classifier.by_paragraph", by_paragraph, "score each paragraph and keep the best score");
    v("classifier.seed", seed, "seed of the held-out split, the sampling and stochastic policies");
  }
};

// The rule on the stored score under the threshold and weight policies: below the
// threshold. (The pareto policy's draw depends on the document's id, not a limit.)
const RuleTable& classifier_rules();

class DomainClassifier : public Stage {
 public:
  // Throws ConfigError for an unknown policy or a label the model does not have.
  DomainClassifier(std::shared_ptr<const FastTextModel> model, ClassifierOptions options);
  const char* name() const override { return "classifier"; }
  Verdict process(Document& doc) override;
  // Under the threshold and weight policies (the weight does not depend on the
  // threshold); the pareto draw depends on the document's id, which decide leaves
  // to the text path.
  std::optional<Verdict> decide_on_measures(const Document& doc) const override;
  void write_counters(nlohmann::json& out) const override;

  // The probability of the label for one text (normalised as in training).
  double probability(std::string_view text) const;
  // The document's score: the probability of the text, or of its best paragraph.
  double measure(std::string_view text) const;

 private:
  // The threshold and weight policies' verdict on the score.
  Verdict verdict_of(double p) const;
  enum class Policy { threshold, pareto, weight };
  std::shared_ptr<const FastTextModel> model_;
  ClassifierOptions options_;
  Policy policy_;
  std::string score_name_;
  BoundRules rules_;
  std::map<std::string, std::array<uint64_t, 10>> histogram_;  // per source
};

// A Pareto(alpha) draw (numpy's Lomax form, >= 0) from a uniform u in [0, 1).
double pareto_draw(double u, double alpha);

}  // namespace mucpt
