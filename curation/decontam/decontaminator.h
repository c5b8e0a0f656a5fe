#pragma once
// Decontamination: a document that contains a benchmark question (an n-gram of it, or
// the whole question when it is shorter than n tokens) together with that question's
// answer or one of its aliases is removed, so evaluation never measures memorisation.
// Text is compared folded (case, accents, punctuation, digits), CJK by characters.
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "curation/stage.h"

namespace mucpt {

class BenchmarkIndex {
 public:
  // Loads every benchmark file (DESIGN JSONL or SimpleQA CSV); throws on a bad file.
  BenchmarkIndex(const std::vector<std::string>& paths, int ngram);
  // The benchmark item whose question and answer the text contains, or -1.
  int match(std::string_view text) const;
  size_t items() const { return answers_.size(); }

 private:
  int ngram_;
  std::vector<int> lengths_;                                  // distinct n-gram lengths in use
  std::unordered_map<uint64_t, std::vector<uint32_t>> grams_;  // n-gram hash -> items
  std::vector<std::vector<std::vector<uint64_t>>> answers_;    // item -> token hashes of each answer form
};

class Decontaminator : public Stage {
 public:
  explicit Decontaminator(std::shared_ptr<const BenchmarkIndex> index) : index_(std::move(index)) {}
  const char* name() const override { return "decontam"; }
  Verdict process(Document& doc) override;
  void write_counters(nlohmann::json& out) const override;

  // One index per set of files, shared by every stage built in this process.
  static std::shared_ptr<const BenchmarkIndex> load(const std::vector<std::string>& paths, int ngram);

 private:
  std::shared_ptr<const BenchmarkIndex> index_;
  uint64_t removed_ = 0;
};

}  // namespace mucpt
