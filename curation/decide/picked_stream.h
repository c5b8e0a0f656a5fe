#pragma once
// A decided unit's stream without copying its text: the documents decided as the run
// decided them are picks (positions in the run's own stream), and only those decided
// anew are written out (stream/picks/). The final pass reads the run's stream again
// from its outputs: docs/ with the dedup rejects put back where its removals say, so
// any finished run, decided ones too, can be decided on.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "curation/final_pass.h"

namespace mucpt {

// Writes a unit's picks: each entry a position in the run's stream, or a document
// decided anew (the next line of the unit's fresh documents).
class PicksWriter {
 public:
  explicit PicksWriter(std::string path) : path_(std::move(path)) {}
  void pick(uint64_t ordinal) { picks_.push_back(ordinal); }
  void add_fresh() { picks_.push_back(kFresh); }
  uint64_t size() const { return picks_.size(); }
  void commit() const;

  static constexpr uint64_t kFresh = UINT64_MAX;

 private:
  std::string path_;
  std::vector<uint64_t> picks_;
};

std::vector<uint64_t> read_picks(const std::string& path);

// A finished run's stream of one unit, rebuilt from its docs/, rejects/dedup/ and
// stream/removals/.
class FinishedStream : public StreamedLines {
 public:
  FinishedStream(const OutputLayout& run, size_t unit);
  bool next(std::string_view& line) override;
  const std::string& name() const override { return name_; }

 private:
  std::string name_, rejects_path_;
  std::vector<Removal> removals_;
  LineReader docs_;
  std::unique_ptr<LineReader> rejects_;
  size_t next_removal_ = 0;
  uint64_t ordinal_ = 0;
  std::string line_;
};

// The decided unit's stream: its picks from the run's stream and its fresh documents.
class PickedStream : public StreamedLines {
 public:
  PickedStream(const OutputLayout& run, const OutputLayout& decided, size_t unit);
  bool next(std::string_view& line) override;
  const std::string& name() const override { return name_; }

 private:
  std::string name_;
  FinishedStream run_;
  LineReader fresh_;
  std::vector<uint64_t> picks_;
  size_t next_ = 0;
  uint64_t run_position_ = 0;  // lines of the run's stream read so far
};

}  // namespace mucpt
