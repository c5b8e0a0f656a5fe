#include "curation/unit_output.h"

#include <chrono>

#include "common/log.h"
#include "curation/decide/measure_record.h"
#include "curation/decide/picked_stream.h"
#include "curation/report.h"

namespace mucpt {

namespace {
using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }
}  // namespace

nlohmann::json counters_json(const StageCounters& c, size_t order) {
  nlohmann::json j;
  j["order"] = order;
  j["docs_in"] = c.docs_in;
  j["docs_out"] = c.docs_out;
  j["bytes_in"] = c.bytes_in;
  j["bytes_out"] = c.bytes_out;
  j["seconds"] = c.seconds;
  j["rejected"] = nlohmann::json::object();
  for (const auto& [reason, n] : c.rejected) j["rejected"][reason] = n;
  return j;
}

nlohmann::json stage_stats(const Stage& stage, const StageCounters& c, size_t order) {
  nlohmann::json j = counters_json(c, order);
  nlohmann::json extra = nlohmann::json::object();
  stage.write_counters(extra);
  j["counters"] = extra;
  return j;
}

void RejectSink::write(const std::string& stage, std::string_view line) {
  auto& writer = writers_[stage];
  if (!writer) writer = std::make_unique<LineWriter>(layout_.rejects_path(stage, unit_), level_);
  writer->write_line(line);
}

void RejectSink::commit() {
  for (auto& [stage, writer] : writers_) writer->commit();
}

uint64_t RejectSink::lines() const {
  uint64_t n = 0;
  for (const auto& [stage, writer] : writers_) n += writer->lines();
  return n;
}

bool StageRun::run(Document& doc, RejectSink* rejects, const std::string& file) {
  for (size_t s = 0; s < stages_.size(); ++s) {
    StageCounters& c = counters_[s];
    ++c.docs_in;
    c.bytes_in += doc.text.size();
    const auto start = Clock::now();
    Verdict verdict = stages_[s]->process(doc);
    c.seconds += seconds_since(start);
    if (!verdict.keep()) {
      ++c.rejected[verdict.reject_reason];
      RejectInfo info{stages_[s]->name(), verdict.reject_reason, file, doc.line_number};
      if (rejects) rejects->write(stages_[s]->name(), document_to_json(doc, &info));
      return false;
    }
    ++c.docs_out;
    c.bytes_out += doc.text.size();
  }
  return true;
}

uint64_t StageRun::rejected() const {
  uint64_t n = 0;
  for (const auto& c : counters_)
    for (const auto& [r, k] : c.rejected) n += k;
  return n;
}

void StageRun::write(nlohmann::json& stage_json, size_t first_order) const {
  for (size_t s = 0; s < stages_.size(); ++s)
    stage_json[stages_[s]->name()] = stage_stats(*stages_[s], counters_[s], first_order + s);
}

void JoinRun::run(Document& doc) {
  if (!join_) return;
  const auto start = Clock::now();
  ++counters_.docs_in;
  counters_.bytes_in += doc.text.size();
  join_->process(doc);
  ++counters_.docs_out;
  counters_.bytes_out += doc.text.size();
  counters_.seconds += seconds_since(start);
}

void JoinRun::write(nlohmann::json& stage_json, size_t order) const {
  if (join_) stage_json[join_->name()] = stage_stats(*join_, counters_, order);
}

DecidingOutput::DecidingOutput(const UnitJob& job)
    : job_(job),
      docs_(job.docs_path, job.zstd_level),
      rejects_(job.layout, job.unit.index, job.zstd_level),
      measures_(job.layout.measures_path(job.unit.index), job.zstd_level),
      deciding_(job.stages.deciding),
      join_(job.finish) {}

void DecidingOutput::decide(Document& doc, const std::string& file) {
  const bool kept = deciding_.run(doc, &rejects_, file);
  measures_.write_line(measure_record_json(doc.line_number, doc.measured));
  if (kept) write_kept(doc);
}

DecidingOutput::~DecidingOutput() = default;

void DecidingOutput::pick_from_run(const std::string& picks_path) { picks_ = std::make_unique<PicksWriter>(picks_path); }

uint64_t DecidingOutput::docs_written() const { return picks_ ? picks_->size() : docs_.lines(); }

void DecidingOutput::pick_kept(uint64_t ordinal, std::string_view signature) {
  if (job_.signatures) job_.signatures->add_record(signature);
  picks_->pick(ordinal);
}

void DecidingOutput::commit() {
  docs_.commit();
  if (picks_) picks_->commit();
  rejects_.commit();
  measures_.commit();
  if (job_.signatures) job_.signatures->commit();
}

void DecidingOutput::write_kept(Document& doc) {
  if (job_.signatures) {
    const auto start = Clock::now();
    job_.signatures->add(doc);
    signature_seconds_ += seconds_since(start);
  }
  join_.run(doc);
  docs_.write_line(document_to_json(doc));
  if (picks_) picks_->add_fresh();
  bytes_out_ += doc.text.size();
}

void DecidingOutput::write_counters(nlohmann::json& stage_json, size_t first_order) const {
  deciding_.write(stage_json, first_order);
  join_.write(stage_json, first_order + job_.stages.deciding.size());
}

void start_document(Document& doc, const InputFile& file, uint64_t line_number) {
  doc.line_number = line_number;
  if (doc.id.empty()) doc.id = file.display_name + ":" + std::to_string(line_number);
  doc.scores.clear();
  doc.measured.clear();
  doc.weight = 1.0;
}

nlohmann::json unit_stats(const UnitJob& job, const DecidingOutput& output, uint64_t docs_in, uint64_t bytes_in,
                          const nlohmann::json& errors) {
  const InputFile& file = job.plan.files[job.unit.file_index];
  // The balance is taken from what the writers wrote, so a lost line stops the run.
  const uint64_t written = output.docs_written(), rejected = output.rejects_written();
  check_unit_balance(file.display_name + " (unit " + std::to_string(job.unit.index) + ")", docs_in, written, rejected);
  nlohmann::json stats;
  stats["unit"] = job.unit.index;
  stats["file"] = file.display_name;
  stats["source"] = job.source.name;
  stats["docs_in"] = docs_in;
  stats["docs_rejected"] = rejected;
  // Documents streamed to the global steps are out once the final pass writes them.
  const bool final_docs = job.docs_path == job.layout.docs_path(job.unit.index);
  stats["docs_out"] = final_docs ? written : 0;
  if (!final_docs) stats["docs_streamed"] = written;
  stats["bytes_in"] = bytes_in;
  stats["bytes_out"] = output.bytes_out();
  stats["errors"] = errors;
  if (job.signatures) stats["dedup_signature_seconds"] = output.signature_seconds();
  return stats;
}

}  // namespace mucpt
