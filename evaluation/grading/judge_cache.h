#pragma once
// The grades an external judge has given, found again by a content hash (xxHash
// XXH3-128) of the judge command, its id and the request sent to it, so that a rerun
// asks the judge only what it has not answered yet. Kept as JSON lines {"key", "grade"}.
//
// Under MPI every rank judges its own items: rank R appends to a file of its own,
// <cache stem>.rank-R.jsonl, one whole line per write, so ranks never interleave and
// a crash loses at most the line it was writing (a damaged line is skipped with a
// warning, and its item is judged again). Each run reads the cache file and every
// rank file beside it, whatever the number of ranks that wrote them; merge() folds
// the rank files into the cache file once every rank is done.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "evaluation/grading/answer_grader.h"

namespace mucpt {

class JudgeCache {
 public:
  JudgeCache(const std::string& path, int rank);
  ~JudgeCache();
  JudgeCache(const JudgeCache&) = delete;
  JudgeCache& operator=(const JudgeCache&) = delete;

  // id: what the command alone does not say about the judge (its model), "" for none.
  static std::string key(std::string_view command, std::string_view id, std::string_view request);
  std::optional<Grade> find(const std::string& key) const;
  void add(const std::string& key, Grade grade);  // on disk at once
  size_t size() const { return grades_.size(); }

  // Rewrites the cache file (atomically) with every grade of it and of its rank
  // files, then removes the rank files. One rank, after every rank's cache is closed.
  static void merge(const std::string& path);

 private:
  std::string path_, rank_path_;
  std::unordered_map<std::string, Grade> grades_;
  int fd_ = -1;  // this rank's file, opened on the first add
};

}  // namespace mucpt
