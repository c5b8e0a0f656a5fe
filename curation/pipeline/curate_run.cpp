#include "curation/pipeline/curate_run.h"

#include <mpi.h>

#include <filesystem>
#include <set>

#include "common/declared_options.h"
#include "common/hashing.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "common/tokenizer/tokenizer_loader.h"
#include "curation/privacy/pattern_database.h"
#include "curation/stage_registry.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

// What must match for a rerun to resume: every option that changes output, and the inputs.
nlohmann::json run_identity(const Config& config, const WorkPlan& plan) {
  nlohmann::json id;
  for (const auto& [key, value] : config.values_as_text()) {
    if (key == "config" || key == "output" || key == "curate.progress" || key == "curate.resume") continue;
    id["options"][key] = value;
  }
  for (const auto& f : plan.files) id["inputs"].push_back({{"path", f.path}, {"size", f.size}});
  id["manifest_hash"] = hash64(read_small_file(read_options<CurateOptions>(config).manifest));
  return id;
}

// Rank 0 checks or records the run identity; the verdict is shared with every rank.
// Files a killed run was writing (`NAME.tmp.PID`): never renamed into place, so never
// read; removed before any rank writes again.
void remove_leftover_temporaries(const std::string& out) {
  std::vector<fs::path> leftovers;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    if (entry.is_regular_file() && entry.path().filename().string().find(".tmp.") != std::string::npos)
      leftovers.push_back(entry.path());
  }
  for (const auto& path : leftovers) fs::remove(path);
  if (!leftovers.empty()) log_info("removed ", leftovers.size(), " unfinished files of an interrupted run");
}

void check_resumable(const Config& config, const WorkPlan& plan, const std::string& out, bool resume, int rank) {
  std::string problem;
  if (rank == 0) {
    remove_leftover_temporaries(out);
    nlohmann::json id = run_identity(config, plan);
    std::string path = out + "/run.json";
    if (fs::exists(path) && resume) {
      nlohmann::json previous = nlohmann::json::parse(read_small_file(path), nullptr, false);
      if (previous != id) {
        problem = "output '" + out + "' holds a run with other options or inputs; use a new --output or --curate.resume=false";
        if (previous.is_object() && previous.contains("options")) {
          for (auto it = id["options"].begin(); it != id["options"].end(); ++it) {
            if (previous["options"].value(it.key(), std::string("<unset>")) != it.value().get<std::string>()) {
              problem += " (differs at '" + it.key() + "')";
              break;
            }
          }
        }
      }
    } else {
      if (!resume) {
        for (const char* dir : {"docs", "rejects", "stats", "markers", "stream", "dedup", "tokens", "measured"}) fs::remove_all(fs::path(out) / dir);
      }
      write_file_atomically(path, id.dump(1) + "\n");
    }
  }
  problem = mpi_broadcast(problem);
  if (!problem.empty()) throw UserError(problem);
}

// Line numbers of units that start inside a file: every rank counts the lines of its
// own units of split files, and a sum across ranks gives each unit's first line.
void number_lines(WorkPlan& plan, int rank) {
  std::vector<uint64_t> counts(plan.units.size(), 0);
  for (size_t u : plan.assignment[static_cast<size_t>(rank)]) {
    const WorkUnit& unit = plan.units[u];
    if (unit.whole_file) continue;  // starts at line 1
    counts[u] = count_lines_in_range(plan.files[unit.file_index].path, unit.begin, unit.end);
  }
  std::vector<uint64_t> totals(counts.size(), 0);
  MPI_Allreduce(counts.data(), totals.data(), static_cast<int>(counts.size()), MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
  for (size_t u = 0; u < plan.units.size(); ++u) {
    WorkUnit& unit = plan.units[u];
    unit.first_line = 1;
    if (unit.begin == 0) continue;
    for (size_t p = u; p-- > 0 && plan.units[p].file_index == unit.file_index;) unit.first_line += totals[p];
  }
}

}  // namespace

std::shared_ptr<const MetadataTable> CurateRun::metadata_table(size_t s) {
  if (metadata_.empty()) {
    metadata_.resize(manifest.sources.size());
    metadata_loaded_.assign(manifest.sources.size(), false);
  }
  if (!metadata_loaded_[s]) {
    const SourceSpec& source = manifest.sources[s];
    if (!source.metadata.paths.empty() && read_options<MetadataOptions>(settings[s]).enabled)
      metadata_[s] = MetadataTable::load(expand_metadata_paths(manifest, source), source.metadata.key);
    metadata_loaded_[s] = true;
  }
  return metadata_[s];
}

CurateRun open_curate_run(const Config& config, const MpiContext& mpi, const FinishedRun* measures_from) {
  CurateRun run(config, mpi);
  run.options = read_options<CurateOptions>(config);
  run.started = std::chrono::steady_clock::now();
  run.measures_from = measures_from;
  const CurateOptions& options = run.options;
  if (options.manifest.empty()) throw UserError("no manifest: give --manifest or `manifest =` in the config");
  if (options.output.empty()) throw UserError("no output folder: give --output or `output =` in the config");

  // Manifest, model and benchmark errors are UserErrors: bad input stops the run here,
  // before any work, with exit 2.
  run.manifest = load_manifest(options.manifest);
  run.plan = plan_work(run.manifest, options.split_bytes, mpi.size());
  // Compiled privacy patterns are kept with the run (cache/, by rank 0); a rerun and
  // `curate decide` load them, and the run decided on lends its own.
  std::vector<std::string> compiled{options.output + "/cache"};
  if (measures_from) compiled.push_back(measures_from->layout.root + "/cache");
  PatternDatabase::keep_compiled(compiled, mpi.rank() == 0 ? options.output + "/cache" : std::string());
  for (const auto& source : run.manifest.sources) {  // built now so bad options are refused before any work
    run.settings.emplace_back(config, source.settings, source.name);
    build_stage_chain(run.settings.back());  // also loads model files once, before any work
  }
  for (const SourceSpec& source : run.manifest.sources)
    if (!source.metadata.paths.empty() && source.metadata.key.empty())
      throw UserError("source '" + source.name + "': \"metadata\" needs a \"key\"");
  // The tokenizer, when packing, is loaded before any work so a bad path stops the run.
  if (!options.tokenizer.empty()) {
    try {
      run.tokenizer.emplace(load_tokenizer(options.tokenizer));
    } catch (const std::exception& e) {
      throw UserError("tokenizer '" + options.tokenizer + "' cannot be loaded: " + e.what());
    }
    // Megatron reads a shard as one stream: without an end-of-text token between them,
    // documents would run into each other.
    if (run.tokenizer->eos_id() < 0)
      throw UserError("tokenizer '" + options.tokenizer +
                      "' has no end-of-text token (<|endoftext|>, </s> or <|end_of_text|>) to end each packed "
                      "document with");
  }
  run.dedup = dedup_options(config);
  run.layout.root = options.output;
  if (options.compression == "none") run.layout.extension = ".jsonl";
  else if (options.compression != "zstd")
    throw ConfigError("curate.compression must be zstd or none, not '" + options.compression + "'");

  if (measures_from) {
    // The measures belong to the finished run's units: its inputs must be these.
    const nlohmann::json finished = nlohmann::json::parse(read_small_file(measures_from->layout.root + "/run.json"));
    if (finished.value("inputs", nlohmann::json()) != run_identity(config, run.plan)["inputs"])
      throw UserError("the input files changed since the run in '" + measures_from->layout.root + "': run curate again");
  }
  fs::create_directories(options.output);
  check_resumable(config, run.plan, options.output, options.resume, mpi.rank());
  number_lines(run.plan, mpi.rank());
  fs::create_directories(run.layout.stats_dir());
  return run;
}

}  // namespace mucpt
