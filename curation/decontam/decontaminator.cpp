#include "curation/decontam/decontaminator.h"

#include <algorithm>
#include <mutex>
#include <nlohmann/json.hpp>

#include "common/hashing.h"
#include "curation/dedup/shingles.h"
#include "evaluation/benchmark.h"

namespace mucpt {

namespace {

std::vector<uint64_t> token_hashes(std::string_view text) {
  std::string folded = fold_for_matching(text);
  std::vector<uint64_t> hashes;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    size_t start = i;
    while (i < folded.size() && folded[i] != ' ') ++i;
    if (i > start) hashes.push_back(hash64(std::string_view(folded).substr(start, i - start)));
  }
  return hashes;
}

uint64_t gram_hash(const uint64_t* tokens, int n) {
  return XXH3_64bits(tokens, static_cast<size_t>(n) * sizeof(uint64_t));
}

bool contains(const std::vector<uint64_t>& haystack, const std::vector<uint64_t>& needle) {
  return !needle.empty() && std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

}  // namespace

BenchmarkIndex::BenchmarkIndex(const std::vector<std::string>& paths, int ngram) : ngram_(ngram) {
  for (const auto& path : paths) {
    for (const BenchmarkItem& item : load_benchmark(path)) {
      auto question = token_hashes(item.question);
      if (question.empty()) continue;
      uint32_t id = static_cast<uint32_t>(answers_.size());
      std::vector<std::vector<uint64_t>> forms{token_hashes(item.answer)};
      for (const auto& alias : item.aliases) forms.push_back(token_hashes(alias));
      answers_.push_back(std::move(forms));
      int n = std::min<int>(ngram_, static_cast<int>(question.size()));
      if (std::find(lengths_.begin(), lengths_.end(), n) == lengths_.end()) lengths_.push_back(n);
      for (size_t i = 0; i + static_cast<size_t>(n) <= question.size(); ++i)
        grams_[gram_hash(question.data() + i, n)].push_back(id);
    }
  }
}

int BenchmarkIndex::match(std::string_view text) const {
  auto tokens = token_hashes(text);
  for (int n : lengths_) {
    for (size_t i = 0; i + static_cast<size_t>(n) <= tokens.size(); ++i) {
      auto it = grams_.find(gram_hash(tokens.data() + i, n));
      if (it == grams_.end()) continue;
      for (uint32_t item : it->second)
        for (const auto& answer : answers_[item])
          if (contains(tokens, answer)) return static_cast<int>(item);
    }
  }
  return -1;
}

Verdict Decontaminator::process(Document& doc) {
  if (index_->match(doc.text) < 0) return Verdict::kept();
  ++removed_;
  return Verdict::rejected("benchmark_contamination");
}

void Decontaminator::write_counters(nlohmann::json& out) const {
  out["removed"] = removed_;
  out["benchmark_items"] = index_->items();
}

std::shared_ptr<const BenchmarkIndex> Decontaminator::load(const std::vector<std::string>& paths, int ngram) {
  static std::mutex mutex;
  static std::map<std::pair<std::vector<std::string>, int>, std::shared_ptr<const BenchmarkIndex>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto key = std::make_pair(paths, ngram);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  auto index = std::make_shared<const BenchmarkIndex>(paths, ngram);
  cache[key] = index;
  return index;
}

}  // namespace mucpt
