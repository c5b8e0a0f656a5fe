#pragma once
// Decontamination: a document that contains a benchmark question (an n-gram of it, or
// the whole question when it is shorter than n tokens) together with that question's
// answer or one of its aliases is removed, or has the sentences holding the question
// and the answer cut out, so evaluation never measures memorisation. Text is compared
// folded (case, accents, punctuation; numbers as written), CJK by characters.
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <string>
#include <unordered_map>
#include <vector>

#include "curation/stage.h"

namespace mucpt {

// Where a benchmark item was found: byte ranges of the text.
struct BenchmarkMatch {
  int item = -1;
  size_t question_begin = 0, question_end = 0;  // the matched question n-gram
  size_t answer_begin = 0, answer_end = 0;      // the answer occurrence nearest to it
};

class BenchmarkIndex {
 public:
  // Loads every benchmark file (DESIGN JSONL or SimpleQA CSV); throws on a bad file.
  // Questions mostly in CJK characters are matched by cjk_ngram characters, others by
  // ngram words.
  BenchmarkIndex(const std::vector<std::string>& paths, int ngram, int cjk_ngram);
  // The benchmark item whose question and answer the text contains, or -1.
  int match(std::string_view text) const;
  // The same, with where the question and the answer are in the text.
  std::optional<BenchmarkMatch> locate(std::string_view text) const;
  size_t items() const { return answers_.size(); }

 private:
  struct Found {
    uint32_t item;
    size_t gram_start;  // token index of the question n-gram
    int n;
  };
  std::optional<Found> find(const std::vector<uint64_t>& tokens) const;

  std::vector<int> lengths_;                                  // distinct n-gram lengths in use
  std::unordered_map<uint64_t, std::vector<uint32_t>> grams_;  // n-gram hash -> items
  std::vector<std::vector<std::vector<uint64_t>>> answers_;    // item -> token hashes of each answer form
};

enum class DecontamMode { remove, cut };

struct DecontamOptions {
  std::string benchmarks;  // comma-separated files; empty: off
  std::string mode = "remove";
  uint64_t min_chars = 200;
  int ngram = 13;
  int cjk_ngram = 10;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("decontam.benchmarks", benchmarks,
      "comma-separated benchmark files (JSONL or SimpleQA CSV); documents holding a question "
      "with its answer are removed or cut (empty: off)");
    v("decontam.mode", mode, "remove: drop the document; cut: cut out the sentences of the question and of the answer");
    v("decontam.min_chars", min_chars, "cut mode: a document left with fewer characters is removed");
    v("decontam.ngram", ngram, "question n-gram length in folded words");
    v("decontam.cjk_ngram", cjk_ngram, "n-gram length in characters for questions mostly in CJK characters");
  }
};

class Decontaminator : public Stage {
 public:
  // cut: the sentences holding the question and the answer are cut out; a document left
  // with fewer than min_chars characters (or still matching after several cuts) is removed.
  Decontaminator(std::shared_ptr<const BenchmarkIndex> index, DecontamMode mode = DecontamMode::remove,
                 size_t min_chars = 200)
      : index_(std::move(index)), mode_(mode), min_chars_(min_chars) {}
  const char* name() const override { return "decontam"; }
  Verdict process(Document& doc) override;
  void write_counters(nlohmann::json& out) const override;

  // One index per set of files, shared by every stage built in this process.
  static std::shared_ptr<const BenchmarkIndex> load(const std::vector<std::string>& paths, int ngram,
                                                    int cjk_ngram = 10);

 private:
  std::shared_ptr<const BenchmarkIndex> index_;
  DecontamMode mode_;
  size_t min_chars_;
  uint64_t removed_ = 0, cut_documents_ = 0, cut_spans_ = 0, cut_bytes_ = 0;
};

}  // namespace mucpt
