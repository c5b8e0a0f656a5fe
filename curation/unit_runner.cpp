#include "curation/unit_runner.h"

#include <chrono>
#include <cstdio>

#include "common/json_writer.h"
#include "common/jsonl_parser.h"
#include "common/line_reader.h"
#include "common/log.h"
#include "curation/decide/measure_record.h"
#include "curation/unit_output.h"

namespace mucpt {

namespace {

std::string part_name(size_t unit, const std::string& extension) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "part-%06zu", unit);
  return buf + extension;
}

constexpr size_t kMaxRawReject = 64 << 10;  // bytes of a malformed line kept in its reject record

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

std::string OutputLayout::picks_path(size_t unit) const { return root + "/stream/picks/" + part_name(unit, ".picks"); }
std::string OutputLayout::fresh_docs_path(size_t unit) const {
  return root + "/stream/picks/" + part_name(unit, extension);
}
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
      start_document(doc, file, line_number);

      if (!preparing.run(doc, &rejects, file.display_name)) continue;
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

  nlohmann::json stats = unit_stats(job, output, parse_counters.docs_in, parse_counters.bytes_in, errors);
  uint64_t counted = preparing.rejected() + output.deciding_rejected();
  for (const auto& [r, n] : parse_counters.rejected) counted += n;
  if (output.rejects_written() != counted)
    throw std::logic_error(file.display_name + ": " + std::to_string(output.rejects_written()) +
                           " rejects written but " + std::to_string(counted) + " counted by the stages");
  auto& stages = stats["stages"];
  stages["parse"] = counters_json(parse_counters, 0);
  preparing.write(stages, 1);
  output.write_counters(stages, stages.size());
  write_file_atomically(job.layout.stats_path(job.unit.index), stats.dump(1) + "\n");
  return stats;
}

}  // namespace mucpt
