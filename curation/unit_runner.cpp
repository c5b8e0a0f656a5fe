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

std::string OutputLayout::streamed_docs_path(size_t unit) const {
  return root + "/stream/docs/" + part_name(unit, extension);
}

nlohmann::json run_unit(const WorkPlan& plan, const WorkUnit& unit, const SourceSpec& source,
                        std::vector<std::unique_ptr<Stage>>& stages, Stage* finish, const OutputLayout& layout,
                        const std::string& docs_path, SignatureWriter* signatures, int zstd_level,
                        Progress& progress) {
  using Clock = std::chrono::steady_clock;
  const InputFile& file = plan.files[unit.file_index];
  LineWriter docs(docs_path, zstd_level);
  RejectSink rejects(layout, unit.index, zstd_level);
  JsonlParser parser(source.text_field, source.id_field);
  StageCounters parse_counters;
  std::vector<StageCounters> stage_counters(stages.size());
  StageCounters finish_counters;
  std::vector<std::string> errors;

  Document doc;
  doc.source = source.name;
  doc.file_index = static_cast<uint32_t>(unit.file_index);
  std::string detail;
  uint64_t line_number = unit.first_line - 1;
  uint64_t bytes_out = 0;
  double signature_seconds = 0;
  try {
    LineReader reader(file.path, unit.begin, unit.whole_file ? LineReader::kToEnd : unit.end);
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
        rejects.write("parse", parse_reject_json(source, file, line_number, status, detail, line));
        continue;
      }
      ++parse_counters.docs_out;
      parse_counters.bytes_out += doc.text.size();
      doc.line_number = line_number;
      if (doc.id.empty()) doc.id = file.display_name + ":" + std::to_string(line_number);
      doc.scores.clear();
      doc.weight = 1.0;

      bool kept = true;
      for (size_t s = 0; s < stages.size() && kept; ++s) {
        StageCounters& c = stage_counters[s];
        ++c.docs_in;
        c.bytes_in += doc.text.size();
        auto start = Clock::now();
        Verdict verdict = stages[s]->process(doc);
        c.seconds += std::chrono::duration<double>(Clock::now() - start).count();
        if (!verdict.keep()) {
          ++c.rejected[verdict.reject_reason];
          RejectInfo info{stages[s]->name(), verdict.reject_reason, file.display_name, line_number};
          rejects.write(stages[s]->name(), document_to_json(doc, &info));
          kept = false;
          break;
        }
        ++c.docs_out;
        c.bytes_out += doc.text.size();
      }
      if (!kept) continue;
      if (signatures) {
        auto start = Clock::now();
        signatures->add(doc);
        signature_seconds += std::chrono::duration<double>(Clock::now() - start).count();
      }
      if (finish) {
        auto start = Clock::now();
        ++finish_counters.docs_in;
        finish_counters.bytes_in += doc.text.size();
        finish->process(doc);  // adds to the text; never drops
        ++finish_counters.docs_out;
        finish_counters.bytes_out += doc.text.size();
        finish_counters.seconds += std::chrono::duration<double>(Clock::now() - start).count();
      }
      docs.write_line(document_to_json(doc));
      bytes_out += doc.text.size();
    }
  } catch (const IoError& e) {
    // A corrupt or truncated file: what was read before the fault is kept and counted;
    // the fault is reported and the run goes on.
    errors.push_back(e.what());
    log_warn(e.what(), " (after line ", line_number, ")");
  }
  docs.commit();
  rejects.commit();
  if (signatures) signatures->commit();

  // The balance is taken from what the writers wrote, so a lost line stops the run.
  uint64_t counted_rejects = 0;
  for (const auto& [r, n] : parse_counters.rejected) counted_rejects += n;
  for (const auto& c : stage_counters)
    for (const auto& [r, n] : c.rejected) counted_rejects += n;
  const uint64_t written = docs.lines(), rejected = rejects.lines();
  check_unit_balance(file.display_name + " (unit " + std::to_string(unit.index) + ")", parse_counters.docs_in, written,
                     rejected);
  if (rejected != counted_rejects)
    throw std::logic_error(file.display_name + ": " + std::to_string(rejected) + " rejects written but " +
                           std::to_string(counted_rejects) + " counted by the stages");

  nlohmann::json stats;
  stats["unit"] = unit.index;
  stats["file"] = file.display_name;
  stats["source"] = source.name;
  stats["docs_in"] = parse_counters.docs_in;
  stats["docs_rejected"] = rejected;
  // Documents streamed to the global steps are out once the final pass writes them.
  const bool final_docs = docs_path == layout.docs_path(unit.index);
  stats["docs_out"] = final_docs ? written : 0;
  if (!final_docs) stats["docs_streamed"] = written;
  stats["bytes_in"] = parse_counters.bytes_in;
  stats["bytes_out"] = bytes_out;
  stats["errors"] = errors;
  if (signatures) stats["dedup_signature_seconds"] = signature_seconds;
  auto& stage_json = stats["stages"];
  stage_json["parse"] = counters_json(parse_counters, 0);
  for (size_t s = 0; s < stages.size(); ++s) {
    auto j = counters_json(stage_counters[s], s + 1);
    nlohmann::json extra = nlohmann::json::object();
    stages[s]->write_counters(extra);
    j["counters"] = extra;
    stage_json[stages[s]->name()] = j;
  }
  if (finish) {
    auto j = counters_json(finish_counters, stages.size() + 1);
    nlohmann::json extra = nlohmann::json::object();
    finish->write_counters(extra);
    j["counters"] = extra;
    stage_json[finish->name()] = j;
  }
  write_file_atomically(layout.stats_path(unit.index), stats.dump(1) + "\n");
  return stats;
}

}  // namespace mucpt
