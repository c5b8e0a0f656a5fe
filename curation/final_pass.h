#pragma once
// The final pass over one work unit after the global steps: its streamed documents are
// copied to docs/ except those the de-duplication removed, which go to rejects/dedup/
// with the reason and the document kept in their place; each kept line is also handed
// to `kept` (the packer), so that nothing reads docs/ back. Its statistics file marks
// the unit done.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/line_reader.h"
#include "curation/dedup/dedup_job.h"
#include "curation/unit_runner.h"

namespace mucpt {

// A unit's streamed documents, one JSON line each, in stream order.
class StreamedLines {
 public:
  virtual ~StreamedLines() = default;
  virtual bool next(std::string_view& line) = 0;
  // What the lines are read from, for messages.
  virtual const std::string& name() const = 0;
};

// The stream as the document pass wrote it (stream/docs/).
class StreamedFile : public StreamedLines {
 public:
  explicit StreamedFile(std::string path) : path_(std::move(path)), reader_(path_) {}
  bool next(std::string_view& line) override { return reader_.next(line); }
  const std::string& name() const override { return path_; }

 private:
  std::string path_;
  LineReader reader_;
};

nlohmann::json run_final_pass(const WorkPlan& plan, const WorkUnit& unit, const std::string& source_name,
                              const OutputLayout& layout, StreamedLines& streamed,
                              const std::vector<Removal>& removals, int zstd_level,
                              const std::function<void(std::string_view)>& kept = {});

}  // namespace mucpt
