#include "curation/unit_runner.h"

#include <chrono>
#include <cstdio>
#include <map>

#include "common/json_writer.h"
#include "common/jsonl_parser.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "common/unicode.h"
#include "curation/decide/measure_record.h"
#include "curation/report.h"

namespace mucpt {

namespace {

std::string part_name(size_t unit, const std::string& extension) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "part-%06zu", unit);
  return buf + extension;
}

constexpr size_t kMaxRawReject = 64 << 10;  // bytes of a malformed line kept in its reject record

struct StageCounters {
  uint64_t docs_in = 0, docs_out = 0, bytes_in = 0, bytes_out = 0;
  double seconds = 0;
  std::map<std::string, uint64_t> rejected;
};

// Reject writers, opened on first use so that clean units leave no empty files.
class RejectSink {
 public:
  RejectSink(const OutputLayout& layout, size_t unit, int level) : layout_(layout), unit_(unit), level_(level) {}
  void write(const std::string& stage, std::string_view line) {
    auto& writer = writers_[stage];
    if (!writer) writer = std::make_unique<LineWriter>(layout_.rejects_path(stage, unit_), level_);
    writer->write_line(line);
  }
  void commit() {
    for (auto& [stage, writer] : writers_) writer->commit();
  }
  uint64_t lines() const {
    uint64_t n = 0;
    for (const auto& [stage, writer] : writers_) n += writer->lines();
    return n;
  }

 private:
  const OutputLayout& layout_;
  size_t unit_;
  int level_;
  std::map<std::string, std::unique_ptr<LineWriter>> writers_;
};

std::string parse_reject_json(const SourceSpec& source, const InputFile& file, uint64_t line_number,
                              ParseStatus status, const std::string& detail, std::string_view line) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("source", source.name);
  w.field("stage", "parse");
  w.field("reason", parse_status_name(status));
  w.field("detail", detail);
  w.field("file", file.display_name);
  w.field("line", line_number);
  bool truncated = line.size() > kMaxRawReject;
  w.field("raw", truncated ? line.substr(0, kMaxRawReject) : line);  // invalid UTF-8 is repaired
  if (truncated) w.field("raw_bytes", static_cast<uint64_t>(line.size()));
  w.end_object();
  return out;
}

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

// Runs documents through a list of stages, counting each; on a reject the document
// goes to the reject sink under the stage's name.
class StageRun {
 public:
  explicit StageRun(std::vector<std::unique_ptr<Stage>>& stages) : stages_(stages), counters_(stages.size()) {}

  bool run(Document& doc, RejectSink& rejects, const std::string& file) {
    using Clock = std::chrono::steady_clock;
    for (size_t s = 0; s < stages_.size(); ++s) {
      StageCounters& c = counters_[s];
      ++c.docs_in;
      c.bytes_in += doc.text.size();
      auto start = Clock::now();
      Verdict verdict = stages_[s]->process(doc);
      c.seconds += std::chrono::duration<double>(Clock::now() - start).count();
      if (!verdict.keep()) {
        ++c.rejected[verdict.reject_reason];
        RejectInfo info{stages_[s]->name(), verdict.reject_reason, file, doc.line_number};
        rejects.write(stages_[s]->name(), document_to_json(doc, &info));
        return false;
      }
      ++c.docs_out;
      c.bytes_out += doc.text.size();
    }
    return true;
  }

  uint64_t rejected() const {
    uint64_t n = 0;
    for (const auto& c : counters_)
      for (const auto& [r, k] : c.rejected) n += k;
    return n;
  }

  // Adds each stage's counters to stats["stages"], numbered from first_order.
  void write(nlohmann::json& stage_json, size_t first_order) const {
    for (size_t s = 0; s < stages_.size(); ++s) {
      auto j = counters_json(counters_[s], first_order + s);
      nlohmann::json extra = nlohmann::json::object();
      stages_[s]->write_counters(extra);
      j["counters"] = extra;
      stage_json[stages_[s]->name()] = j;
    }
  }

 private:
  std::vector<std::unique_ptr<Stage>>& stages_;
  std::vector<StageCounters> counters_;
};

// The deciding stages and the sinks after them for one unit: the measures, the dedup
// signature, the metadata join and the documents file.
class DecidingOutput {
 public:
  explicit DecidingOutput(const UnitJob& job)
      : job_(job),
        docs_(job.docs_path, job.zstd_level),
        rejects_(job.layout, job.unit.index, job.zstd_level),
        measures_(job.layout.measures_path(job.unit.index), job.zstd_level),
        deciding_(job.stages.deciding) {}

  RejectSink& rejects() { return rejects_; }

  // Decides on doc; a kept document is signed, joined and written. What the stages
  // measured on it goes to the measures, kept or not.
  void decide(Document& doc, const std::string& file) {
    const bool kept = deciding_.run(doc, rejects_, file);
    measures_.write_line(measure_record_json(doc.line_number, doc.measured));
    if (kept) write_kept(doc);
  }

  void commit() {
    docs_.commit();
    rejects_.commit();
    measures_.commit();
    if (job_.signatures) job_.signatures->commit();
  }

 private:
  void write_kept(Document& doc) {
    using Clock = std::chrono::steady_clock;
    if (job_.signatures) {
      auto start = Clock::now();
      job_.signatures->add(doc);
      signature_seconds_ += std::chrono::duration<double>(Clock::now() - start).count();
    }
    if (job_.finish) {
      auto start = Clock::now();
      ++finish_.docs_in;
      finish_.bytes_in += doc.text.size();
      job_.finish->process(doc);  // adds to the text; never drops
      ++finish_.docs_out;
      finish_.bytes_out += doc.text.size();
      finish_.seconds += std::chrono::duration<double>(Clock::now() - start).count();
    }
    docs_.write_line(document_to_json(doc));
    bytes_out_ += doc.text.size();
  }

 public:
  // The unit's statistics once every document is decided; `earlier` are the counters
  // before the deciding stages (parse and preparing stages), `earlier_rejects` the
  // rejects they wrote.
  nlohmann::json stats(const nlohmann::json& earlier, uint64_t docs_in, uint64_t bytes_in, uint64_t earlier_rejects,
                       const nlohmann::json& errors) const {
    const InputFile& file = job_.plan.files[job_.unit.file_index];
    // The balance is taken from what the writers wrote, so a lost line stops the run.
    const uint64_t written = docs_.lines(), rejected = rejects_.lines();
    check_unit_balance(file.display_name + " (unit " + std::to_string(job_.unit.index) + ")", docs_in, written,
                       rejected);
    const uint64_t counted = earlier_rejects + deciding_.rejected();
    if (rejected != counted)
      throw std::logic_error(file.display_name + ": " + std::to_string(rejected) + " rejects written but " +
                             std::to_string(counted) + " counted by the stages");
    nlohmann::json stats;
    stats["unit"] = job_.unit.index;
    stats["file"] = file.display_name;
    stats["source"] = job_.source.name;
    stats["docs_in"] = docs_in;
    stats["docs_rejected"] = rejected;
    // Documents streamed to the global steps are out once the final pass writes them.
    const bool final_docs = job_.docs_path == job_.layout.docs_path(job_.unit.index);
    stats["docs_out"] = final_docs ? written : 0;
    if (!final_docs) stats["docs_streamed"] = written;
    stats["bytes_in"] = bytes_in;
    stats["bytes_out"] = bytes_out_;
    stats["errors"] = errors;
    if (job_.signatures) stats["dedup_signature_seconds"] = signature_seconds_;
    auto& stage_json = stats["stages"];
    stage_json = earlier;
    const size_t first = earlier.size();  // parse is 0, the preparing stages follow
    deciding_.write(stage_json, first);
    if (job_.finish) {
      auto j = counters_json(finish_, first + job_.stages.deciding.size());
      nlohmann::json extra = nlohmann::json::object();
      job_.finish->write_counters(extra);
      j["counters"] = extra;
      stage_json[job_.finish->name()] = j;
    }
    write_file_atomically(job_.layout.stats_path(job_.unit.index), stats.dump(1) + "\n");
    return stats;
  }

 private:
  const UnitJob& job_;
  LineWriter docs_;
  RejectSink rejects_;
  LineWriter measures_;
  StageRun deciding_;
  StageCounters finish_;
  uint64_t bytes_out_ = 0;
  double signature_seconds_ = 0;
};

}  // namespace

std::string OutputLayout::docs_path(size_t unit) const { return root + "/docs/" + part_name(unit, extension); }
std::string OutputLayout::rejects_path(const std::string& stage, size_t unit) const {
  return root + "/rejects/" + stage + "/" + part_name(unit, extension);
}
std::string OutputLayout::stats_dir() const { return root + "/stats"; }
std::string OutputLayout::stats_path(size_t unit) const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "/unit-%06zu.json", unit);
  return stats_dir() + buf;
}

std::string OutputLayout::final_stats_path(size_t unit) const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "/final-%06zu.json", unit);
  return stats_dir() + buf;
}

std::string OutputLayout::measures_path(size_t unit) const { return root + "/measured/" + part_name(unit, extension); }

std::string OutputLayout::streamed_docs_path(size_t unit) const {
  return root + "/stream/docs/" + part_name(unit, extension);
}

nlohmann::json run_unit(const UnitJob& job, Progress& progress) {
  using Clock = std::chrono::steady_clock;
  const InputFile& file = job.plan.files[job.unit.file_index];
  DecidingOutput output(job);
  RejectSink& rejects = output.rejects();
  JsonlParser parser(job.source.text_field, job.source.id_field);
  StageCounters parse_counters;
  StageRun preparing(job.stages.preparing);
  std::vector<std::string> errors;
  std::unique_ptr<MeasureRecords> stored;
  if (!job.measures_from.empty()) stored = std::make_unique<MeasureRecords>(job.measures_from);

  Document doc;
  doc.source = job.source.name;
  doc.file_index = static_cast<uint32_t>(job.unit.file_index);
  std::string detail;
  uint64_t line_number = job.unit.first_line - 1;
  try {
    LineReader reader(file.path, job.unit.begin, job.unit.whole_file ? LineReader::kToEnd : job.unit.end);
    std::string_view line;
    while (reader.next(line)) {
      ++line_number;
      progress.add(1, line.size() + 1);
      auto t0 = Clock::now();
      ++parse_counters.docs_in;
      parse_counters.bytes_in += line.size();
      ParseStatus status = parser.parse(line, reader.readable_after_line_start(), doc, detail);
      parse_counters.seconds += std::chrono::duration<double>(Clock::now() - t0).count();
      if (status != ParseStatus::ok) {
        ++parse_counters.rejected[parse_status_name(status)];
        rejects.write("parse", parse_reject_json(job.source, file, line_number, status, detail, line));
        continue;
      }
      ++parse_counters.docs_out;
      parse_counters.bytes_out += doc.text.size();
      doc.line_number = line_number;
      if (doc.id.empty()) doc.id = file.display_name + ":" + std::to_string(line_number);
      doc.scores.clear();
      doc.measured.clear();
      doc.weight = 1.0;

      if (!preparing.run(doc, rejects, file.display_name)) continue;
      if (stored) stored->fill(doc);
      output.decide(doc, file.display_name);
    }
  } catch (const IoError& e) {
    // A corrupt or truncated file: what was read before the fault is kept and counted;
    // the fault is reported and the run goes on.
    errors.push_back(e.what());
    log_warn(e.what(), " (after line ", line_number, ")");
  }
  output.commit();

  nlohmann::json earlier;
  earlier["parse"] = counters_json(parse_counters, 0);
  preparing.write(earlier, 1);
  uint64_t earlier_rejects = preparing.rejected();
  for (const auto& [r, n] : parse_counters.rejected) earlier_rejects += n;
  return output.stats(earlier, parse_counters.docs_in, parse_counters.bytes_in, earlier_rejects, errors);
}

}  // namespace mucpt
