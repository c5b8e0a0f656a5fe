#include "curation/decide/unit_replay.h"

#include <chrono>
#include <filesystem>
#include <memory>

#include "common/errors.h"
#include "common/jsonl_parser.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "curation/decide/measure_record.h"
#include "curation/dedup/dedup_job.h"
#include "curation/report.h"
#include "curation/unit_output.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

// The reason and input line a reject line ends with (document_to_json writes the
// stage, reason, file and line fields last). A quote inside a JSON string is escaped,
// so the last `,"stage":"` is the field's own.
void read_reject_fields(std::string_view line, std::string& reason, uint64_t& input_line, const std::string& where) {
  const size_t at = line.rfind(",\"stage\":\"");
  nlohmann::json tail;
  if (at != std::string_view::npos) tail = nlohmann::json::parse("{" + std::string(line.substr(at + 1)), nullptr, false);
  if (!tail.is_object() || !tail.contains("reason") || !tail["reason"].is_string() || !tail.contains("line") ||
      !tail["line"].is_number_unsigned())
    throw UserError(where + ": not a reject record of `curate`; run curate again");
  reason = tail["reason"].get<std::string>();
  input_line = tail["line"].get<uint64_t>();
}

// One stage's rejects of the finished run for this unit, in line order.
class RejectQueue {
 public:
  explicit RejectQueue(std::string path) : path_(std::move(path)) {
    if (fs::exists(path_)) reader_ = std::make_unique<LineReader>(path_);
    advance();
  }
  bool holds(uint64_t line) const { return has_ && line_ == line; }
  bool empty() const { return !has_; }
  const std::string& text() const { return text_; }
  const std::string& reason() const { return reason_; }
  void advance() {
    std::string_view line;
    has_ = reader_ && reader_->next(line);
    if (!has_) return;
    ++read_;
    text_.assign(line);
    read_reject_fields(line, reason_, line_, path_ + ":" + std::to_string(read_));
  }

 private:
  std::string path_;
  std::unique_ptr<LineReader> reader_;
  bool has_ = false;
  uint64_t read_ = 0, line_ = 0;
  std::string text_, reason_;
};

// The unit's input, read forward, for the documents whose verdict changed.
class InputDocuments {
 public:
  explicit InputDocuments(const UnitJob& job)
      : file_(job.plan.files[job.unit.file_index]),
        reader_(file_.path, job.unit.begin, job.unit.whole_file ? LineReader::kToEnd : job.unit.end),
        parser_(job.source.text_field, job.source.id_field),
        line_number_(job.unit.first_line - 1) {}

  // Parses input line `wanted` into doc as the first stage sees it.
  void read(uint64_t wanted, Document& doc) {
    std::string_view line;
    while (line_number_ < wanted) {
      if (!reader_.next(line)) break;
      ++line_number_;
    }
    std::string detail;
    if (line_number_ != wanted || parser_.parse(line, reader_.readable_after_line_start(), doc, detail) != ParseStatus::ok)
      throw UserError(file_.display_name + ":" + std::to_string(wanted) +
                      ": the input no longer holds the document the run measured there; run curate again");
    start_document(doc, file_, wanted);
  }

 private:
  const InputFile& file_;
  LineReader reader_;
  JsonlParser parser_;
  uint64_t line_number_;
};

uint64_t rejects_counted(const nlohmann::json& stages) {
  uint64_t n = 0;
  for (const auto& stage : stages)
    for (const auto& count : stage["rejected"]) n += count.get<uint64_t>();
  return n;
}

}  // namespace

bool can_replay_unit(const FinishedRun& finished, size_t unit) {
  const std::string path = finished.layout.stats_path(unit);
  if (!fs::exists(path)) return false;
  const nlohmann::json stats = nlohmann::json::parse(read_small_file(path), nullptr, false);
  return stats.is_object() && stats.value("errors", nlohmann::json::array()).empty() && stats.contains("stages");
}

nlohmann::json replay_unit(const UnitJob& job, const FinishedRun& finished, StageChain& finished_stages,
                           Stage* finished_join, Progress& progress) {
  const size_t u = job.unit.index;
  const InputFile& file = job.plan.files[job.unit.file_index];
  const OutputLayout& old = finished.layout;
  const auto& deciding = job.stages.deciding;
  const size_t n = deciding.size();
  if (finished_stages.deciding.size() != n) throw std::logic_error("decide: the run's stages are not the new ones");
  std::vector<bool> changed(n);
  for (size_t s = 0; s < n; ++s) {
    if (std::string(deciding[s]->name()) != finished_stages.deciding[s]->name())
      throw std::logic_error("decide: the run's stages are not the new ones");
    changed[s] = finished.changed_stages.count(deciding[s]->name()) > 0;
  }

  // With dedup, the run's kept documents are picks from its stream: their text is not
  // read here, and the final pass takes it from the run's outputs.
  const bool picking = finished.streamed;
  UnitJob picked = job;
  if (picking) picked.docs_path = job.layout.fresh_docs_path(u);
  DecidingOutput output(picked);
  if (picking) output.pick_from_run(job.layout.picks_path(u));
  // Parsing and the preparing stages decide as the run did: their rejects are the run's.
  std::vector<std::string> earlier{"parse"};
  for (const auto& stage : job.stages.preparing) earlier.emplace_back(stage->name());
  for (const std::string& stage : earlier) {
    if (!fs::exists(old.rejects_path(stage, u))) continue;
    LineReader reader(old.rejects_path(stage, u));
    for (std::string_view line; reader.next(line);) output.copy_reject(stage, line);
  }
  std::vector<RejectQueue> rejects;
  for (const auto& stage : deciding) rejects.emplace_back(old.rejects_path(stage->name(), u));
  const std::string old_docs_path = old.docs_path(u);
  std::unique_ptr<LineReader> old_docs;
  if (!picking) old_docs = std::make_unique<LineReader>(old_docs_path);
  uint64_t ordinal = 0;  // the next kept document's place in the run's stream
  std::string signatures;
  size_t signature_bytes = 0, next_signature = 0;
  if (job.signatures) {
    signatures = read_small_file(signature_path(old.signatures_dir(), u));
    signature_bytes = job.signatures->record_bytes();
  }

  // The run's options on the documents whose verdict changed: what it counted for them.
  StageRun as_before(finished_stages.deciding);
  JoinRun join_before(finished_join);
  uint64_t kept_bytes_before = 0;
  std::unique_ptr<InputDocuments> input;

  MeasureRecords records(old.measures_path(u));
  Document stored, doc;
  doc.source = job.source.name;
  doc.file_index = static_cast<uint32_t>(job.unit.file_index);
  uint64_t line = 0;
  std::string record;
  std::string_view kept_line;
  while (records.next_record(line, stored.measured, record)) {
    progress.add(1, 0);
    size_t stopped = n;  // where the run stopped the document: the stage whose rejects hold it
    for (size_t s = 0; s < n && stopped == n; ++s)
      if (rejects[s].holds(line)) stopped = s;
    bool same = true;
    for (size_t s = 0; s < n && s <= stopped && same; ++s) {
      if (!changed[s]) continue;
      const std::optional<Verdict> verdict = deciding[s]->decide_on_measures(stored);
      if (!verdict) same = false;
      else if (s < stopped) same = verdict->keep();
      else same = !verdict->keep() && rejects[s].reason() == verdict->reject_reason;
    }
    if (stopped == n && !picking && !old_docs->next(kept_line))
      throw UserError(old_docs_path + ": fewer documents than the run's measures say it kept; run curate again");
    std::string_view signature;
    if (stopped == n && job.signatures) {
      if ((next_signature + 1) * signature_bytes > signatures.size())
        throw UserError(signature_path(old.signatures_dir(), u) + ": fewer signatures than documents; run curate again");
      signature = std::string_view(signatures).substr(next_signature++ * signature_bytes, signature_bytes);
    }
    if (same) {
      output.copy_measures(record);
      if (stopped < n) output.copy_reject(deciding[stopped]->name(), rejects[stopped].text());
      else if (picking) output.pick_kept(ordinal, signature);
      else output.copy_kept(kept_line);
    } else {
      // Decided anew from the text: the run's stages take it out of the counts, the new ones add it.
      if (!input) input = std::make_unique<InputDocuments>(job);
      input->read(line, doc);
      for (const auto& stage : job.stages.preparing)
        if (!stage->process(doc).keep())
          throw UserError(file.display_name + ":" + std::to_string(line) +
                          ": the run measured a document its own stages reject; run curate again");
      doc.measured = stored.measured;
      Document before = doc;
      const bool kept_before = as_before.run(before, nullptr, file.display_name);
      if (kept_before != (stopped == n))
        throw std::logic_error(file.display_name + ":" + std::to_string(line) + ": decided otherwise than the run");
      if (kept_before) {
        join_before.run(before);
        kept_bytes_before += before.text.size();
      }
      output.decide(doc, file.display_name);
    }
    if (stopped < n) rejects[stopped].advance();
    else ++ordinal;
  }
  bool left = (old_docs && old_docs->next(kept_line)) || next_signature * signature_bytes != signatures.size();
  for (const auto& queue : rejects) left = left || !queue.empty();
  if (left) throw UserError(old.root + ": unit " + std::to_string(u) + " holds documents its measures do not; run curate again");
  output.commit();
  progress.add(0, job.unit.end - job.unit.begin);

  const nlohmann::json old_stats = nlohmann::json::parse(read_small_file(old.stats_path(u)));
  nlohmann::json stats = unit_stats(job, output, old_stats["docs_in"].get<uint64_t>(),
                                    old_stats["bytes_in"].get<uint64_t>(), old_stats["errors"]);
  stats["bytes_out"] = old_stats["bytes_out"].get<uint64_t>() - kept_bytes_before + output.bytes_out();
  const size_t first = earlier.size();
  nlohmann::json now = nlohmann::json::object(), before = nlohmann::json::object();
  output.write_counters(now, first);
  as_before.write(before, first);
  join_before.write(before, first + n);
  nlohmann::json& stages = stats["stages"];
  stages = old_stats["stages"];
  for (auto it = now.begin(); it != now.end(); ++it) {
    // The orders are the same on both sides: they cancel; the times are set below.
    add_counts(stages[it.key()], *it, +1);
    add_counts(stages[it.key()], before[it.key()], -1);
    // A reason no document is rejected for is not listed, as in a full run.
    auto& reasons = stages[it.key()]["rejected"];
    for (auto r = reasons.begin(); r != reasons.end();) r = r->get<uint64_t>() == 0 ? reasons.erase(r) : std::next(r);
  }
  // Time is this run's: the stages ran only on the documents decided anew.
  for (auto it = stages.begin(); it != stages.end(); ++it)
    (*it)["seconds"] = now.contains(it.key()) ? now[it.key()]["seconds"].get<double>() : 0.0;
  if (rejects_counted(stages) != output.rejects_written())
    throw std::logic_error(file.display_name + ": rejects written and counted differ after decide");
  write_file_atomically(job.layout.stats_path(u), stats.dump(1) + "\n");
  return stats;
}

}  // namespace mucpt
