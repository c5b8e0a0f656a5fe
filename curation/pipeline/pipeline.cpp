#include "curation/pipeline/pipeline.h"

#include "common/line_writer.h"
#include "common/log.h"
#include "curation/report.h"

namespace mucpt {

std::vector<std::unique_ptr<PipelineStep>> declare_pipeline(const CurateRun& run) {
  std::vector<std::unique_ptr<PipelineStep>> steps;
  steps.push_back(document_pass());
  if (run.dedup.enabled) steps.push_back(dedup_step());
  if (run.tokenizer) steps.push_back(packing_step());
  return steps;
}

namespace {

// The report: every unit's counters merged, and what each step reported.
void write_report(const CurateRun& run, const nlohmann::json& reported, const nlohmann::json& timing) {
  std::vector<nlohmann::json> units;
  for (const auto& unit : run.plan.units) {
    units.push_back(nlohmann::json::parse(read_small_file(run.layout.stats_path(unit.index))));
    if (run.dedup.enabled)
      units.push_back(nlohmann::json::parse(read_small_file(run.layout.final_stats_path(unit.index))));
  }
  nlohmann::json report = merge_unit_stats(units);
  report["ranks"] = run.mpi.size();
  report["wall_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - run.started).count();
  report["manifest"] = run.options.manifest;
  report["config"] = run.config.values_as_text();
  report["steps"] = timing;
  for (const auto& [name, value] : reported.items()) report[name] = value;
  const std::string& out = run.options.output;
  write_file_atomically(out + "/report.json", report.dump(1) + "\n");
  write_file_atomically(out + "/report.md", render_report_markdown(report));
  log_info("documents in ", report["docs_in"].get<uint64_t>(), ", out ", report["docs_out"].get<uint64_t>(),
           ", rejected ", report["docs_rejected"].get<uint64_t>());
  for (const auto& e : report["errors"]) log_warn("input error: ", e["message"].get<std::string>());
  log_info("curated documents: ", out, "/docs/  report: ", out, "/report.md (and report.json)");
}

}  // namespace

int run_pipeline(CurateRun& run) {
  nlohmann::json reported = nlohmann::json::object();
  nlohmann::json timing = nlohmann::json::array();
  for (const auto& step : declare_pipeline(run)) {
    const auto start = std::chrono::steady_clock::now();
    nlohmann::json result = step->run(run);
    mpi_barrier();  // every rank's part of a step is done before the next reads it
    timing.push_back({{"step", step->name()},
                      {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()}});
    if (!result.is_null()) reported[step->name()] = std::move(result);
  }
  if (run.mpi.rank() == 0) write_report(run, reported, timing);
  mpi_barrier();
  return 0;
}

}  // namespace mucpt
