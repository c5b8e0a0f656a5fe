#include "curation/final_pass.h"

#include "common/json_writer.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "curation/report.h"

namespace mucpt {

nlohmann::json run_final_pass(const WorkPlan& plan, const WorkUnit& unit, const std::string& source_name,
                              const OutputLayout& layout, StreamedLines& streamed,
                              const std::vector<Removal>& removals, int zstd_level,
                              const std::function<void(std::string_view)>& kept) {
  LineWriter docs(layout.docs_path(unit.index), zstd_level);
  std::unique_ptr<LineWriter> rejects;
  std::map<std::string, uint64_t> reasons;
  uint64_t ordinal = 0, docs_in = 0, bytes = 0;
  size_t next = 0;
  std::string_view line;
  std::string reject;
  while (streamed.next(line)) {
    ++docs_in;
    bytes += line.size();
    if (next < removals.size() && removals[next].ordinal == ordinal) {
      const Removal& r = removals[next++];
      // The streamed line is one JSON object: close it with the reject fields.
      reject.assign(line.substr(0, line.rfind('}')));
      JsonWriter w(reject);
      reject += ',';
      w.field("stage", "dedup").field("reason", removal_reason_name(r.reason));
      w.field("file", plan.files[unit.file_index].display_name).field("line", gid_line(r.gid));
      w.field("duplicate_of", document_name(plan, r.keeper_gid)).field("jaccard", static_cast<double>(r.jaccard));
      reject += '}';
      if (!rejects) rejects = std::make_unique<LineWriter>(layout.rejects_path("dedup", unit.index), zstd_level);
      rejects->write_line(reject);
      ++reasons[removal_reason_name(r.reason)];
    } else {
      docs.write_line(line);
      if (kept) kept(line);
    }
    ++ordinal;
  }
  docs.commit();
  if (rejects) rejects->commit();

  const uint64_t removed = rejects ? rejects->lines() : 0;
  check_unit_balance(streamed.name(), docs_in, docs.lines(), removed);
  nlohmann::json stats;
  stats["unit"] = unit.index;
  stats["file"] = plan.files[unit.file_index].display_name;
  stats["source"] = source_name;
  stats["docs_in"] = 0;  // counted by the streaming phase
  stats["docs_out"] = docs.lines();
  stats["docs_rejected"] = removed;
  stats["bytes_in"] = 0;
  stats["bytes_out"] = 0;
  stats["errors"] = nlohmann::json::array();
  auto& d = stats["stages"]["dedup"];
  d["order"] = 1000;
  d["docs_in"] = docs_in;
  d["docs_out"] = docs.lines();
  d["bytes_in"] = bytes;
  d["bytes_out"] = 0;
  d["seconds"] = 0.0;
  d["rejected"] = nlohmann::json::object();
  for (const auto& [reason, n] : reasons) d["rejected"][reason] = n;
  d["counters"]["removed_by_source"][source_name] = removed;
  return stats;
}

}  // namespace mucpt
