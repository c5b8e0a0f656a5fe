#pragma once
// What one work unit writes and counts: its documents, its rejects per stage, its
// measures, its dedup signatures and the metadata join, with each stage's counters.
// The unit runner (unit_runner.h) fills it from the input; `curate decide`
// (decide/unit_replay.h) fills it mostly from a finished run's outputs.
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/line_writer.h"
#include "curation/stage.h"
#include "curation/unit_runner.h"

namespace mucpt {

class PicksWriter;

struct StageCounters {
  uint64_t docs_in = 0, docs_out = 0, bytes_in = 0, bytes_out = 0;
  double seconds = 0;
  std::map<std::string, uint64_t> rejected;
};

nlohmann::json counters_json(const StageCounters& c, size_t order);
// A stage's entry in the unit statistics: its counters and its own (write_counters).
nlohmann::json stage_stats(const Stage& stage, const StageCounters& c, size_t order);

// Reject writers, opened on first use so that clean units leave no empty files.
class RejectSink {
 public:
  RejectSink(const OutputLayout& layout, size_t unit, int level) : layout_(layout), unit_(unit), level_(level) {}
  void write(const std::string& stage, std::string_view line);
  void commit();
  uint64_t lines() const;

 private:
  const OutputLayout& layout_;
  size_t unit_;
  int level_;
  std::map<std::string, std::unique_ptr<LineWriter>> writers_;
};

// Runs documents through a list of stages, counting each; on a reject the document
// goes to the reject sink under the stage's name (none: only counted).
class StageRun {
 public:
  explicit StageRun(std::vector<std::unique_ptr<Stage>>& stages) : stages_(stages), counters_(stages.size()) {}

  bool run(Document& doc, RejectSink* rejects, const std::string& file);
  uint64_t rejected() const;
  // Adds each stage's counters to stage_json under its name, numbered from first_order.
  void write(nlohmann::json& stage_json, size_t first_order) const;

 private:
  std::vector<std::unique_ptr<Stage>>& stages_;
  std::vector<StageCounters> counters_;
};

// The metadata join after the rules, counted as a stage: it adds to the text and never
// drops. A null join does nothing.
class JoinRun {
 public:
  explicit JoinRun(Stage* join) : join_(join) {}
  void run(Document& doc);
  // Adds the join's counters to stage_json under its name, numbered `order`.
  void write(nlohmann::json& stage_json, size_t order) const;

 private:
  Stage* join_;
  StageCounters counters_;
};

// The deciding stages and the sinks after them for one unit: the measures, the dedup
// signature, the metadata join and the documents file.
class DecidingOutput {
 public:
  explicit DecidingOutput(const UnitJob& job);
  ~DecidingOutput();

  RejectSink& rejects() { return rejects_; }

  // Decides on doc; a kept document is signed, joined and written. What the stages
  // measured on it goes to the measures, kept or not.
  void decide(Document& doc, const std::string& file);

  // A finished run's lines for a document decided as that run decided it: its
  // measures, then its document line, or its reject line.
  void copy_measures(std::string_view record) { measures_.write_line(record); }
  void copy_kept(std::string_view line) { docs_.write_line(line); }
  void copy_reject(const std::string& stage, std::string_view line) { rejects_.write(stage, line); }
  // With dedup: kept documents are picks from the run's stream (decide/picked_stream.h),
  // those decided anew go to the documents file. A pick takes the run's signature record.
  void pick_from_run(const std::string& picks_path);
  void pick_kept(uint64_t ordinal, std::string_view signature);

  void commit();

  uint64_t docs_written() const;
  uint64_t rejects_written() const { return rejects_.lines(); }
  uint64_t bytes_out() const { return bytes_out_; }
  double signature_seconds() const { return signature_seconds_; }
  // The counters of the deciding stages and the join, added to stage_json after the
  // `first_order` stages before them.
  void write_counters(nlohmann::json& stage_json, size_t first_order) const;
  uint64_t deciding_rejected() const { return deciding_.rejected(); }

 private:
  void write_kept(Document& doc);

  const UnitJob& job_;
  LineWriter docs_;
  std::unique_ptr<PicksWriter> picks_;
  RejectSink rejects_;
  LineWriter measures_;
  StageRun deciding_;
  JoinRun join_;
  uint64_t bytes_out_ = 0;
  double signature_seconds_ = 0;
};

// Makes a freshly parsed document of input line `line_number` what the first stage sees.
void start_document(Document& doc, const InputFile& file, uint64_t line_number);

// The unit's statistics file content without its stages: what it read and wrote.
// Checks that every line read was written as a document or a reject.
nlohmann::json unit_stats(const UnitJob& job, const DecidingOutput& output, uint64_t docs_in, uint64_t bytes_in,
                          const nlohmann::json& errors);

}  // namespace mucpt
