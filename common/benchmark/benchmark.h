#pragma once
// Loads a factual-QA benchmark into memory: the project's JSONL format or the OpenAI
// SimpleQA CSV as published. Benchmarks are thousands of items, so a vector is fine.
#include <stdexcept>
#include <string>
#include <vector>

#include "common/errors.h"

namespace mucpt {

struct BenchmarkItem {
  std::string id;
  std::string question;
  std::string answer;
  std::vector<std::string> aliases;  // other accepted forms of the answer
  std::string topic;                 // e.g. "Music"; may be empty
  std::string answer_type;           // e.g. "Person", "Date"; may be empty
};

// A file that cannot be used as a benchmark. The message starts "<path>:<line>:" and
// names the offending key or column.
class BenchmarkError : public UserError {
 public:
  using UserError::UserError;
};

// Surrounding whitespace is not part of a question or an answer (some SimpleQA
// answers end in "\n"), so both loaders trim it. topic_filter: "" keeps every item,
// otherwise only items whose topic equals it, ignoring ASCII case.

// JSONL lines {"id", "question", "answer", "aliases": [], "topic", "answer_type"},
// plain, .gz or .zst. question and answer are required non-empty strings; id (string
// or integer) defaults to "<file stem>-<line>"; the rest are optional (null = absent);
// other keys are ignored; blank lines are skipped; ids must be unique.
std::vector<BenchmarkItem> load_benchmark_jsonl(const std::string& path, const std::string& topic_filter = "");

// The SimpleQA CSV: header metadata,question,true_answer or metadata,problem,answer
// (any column order). topic and answer_type come from the metadata dict. Ids are
// "simpleqa-<n>", n the 1-based data row in the whole file, so they stay the same
// whatever the filter.
std::vector<BenchmarkItem> load_simpleqa_csv(const std::string& path, const std::string& topic_filter = "");

// Chooses the loader by extension: .csv (also .csv.gz, .csv.zst) or .jsonl (also
// .jsonl.gz, .jsonl.zst). Anything else throws BenchmarkError.
std::vector<BenchmarkItem> load_benchmark(const std::string& path, const std::string& topic_filter = "");

}  // namespace mucpt
