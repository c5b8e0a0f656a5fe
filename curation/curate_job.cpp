#include "curation/curate_job.h"

#include <mpi.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>

#include "common/declared_options.h"
#include "common/hashing.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "common/progress.h"
#include "curation/classifier/classifier_training.h"
#include "curation/dedup/dedup_job.h"
#include "curation/dedup/dedup_options.h"
#include "curation/fasttext_model.h"
#include "common/benchmark/benchmark.h"
#include "curation/final_pass.h"
#include "curation/manifest.h"
#include "curation/metadata/metadata_join.h"
#include "curation/packing/pack_job.h"
#include "common/tokenizer/tokenizer.h"
#include "common/tokenizer/tokenizer_loader.h"
#include "curation/report.h"
#include "curation/stage_registry.h"
#include "curation/unit_runner.h"
#include "curation/work_plan.h"

namespace fs = std::filesystem;

namespace mucpt {

void register_curate_options(Config& config) {
  register_options<CurateOptions>(config);
  register_stage_options(config);
  register_classifier_training_options(config);
  register_dedup_options(config);
  register_packing_options(config);
}

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
  int length = static_cast<int>(problem.size());
  MPI_Bcast(&length, 1, MPI_INT, 0, MPI_COMM_WORLD);
  problem.resize(static_cast<size_t>(length));
  MPI_Bcast(problem.data(), length, MPI_CHAR, 0, MPI_COMM_WORLD);
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

int run_curate(const Config& config, const MpiContext& mpi) { return run_curate_pipeline(config, mpi, nullptr); }

int run_curate_pipeline(const Config& config, const MpiContext& mpi, const OutputLayout* measures_from) {
  auto started = std::chrono::steady_clock::now();
  const CurateOptions options = read_options<CurateOptions>(config);
  const std::string& manifest_path = options.manifest;
  const std::string& out = options.output;
  if (manifest_path.empty()) throw UserError("no manifest: give --manifest or `manifest =` in the config");
  if (out.empty()) throw UserError("no output folder: give --output or `output =` in the config");

  // Manifest, model and benchmark errors are UserErrors: bad input stops the run here,
  // before any work, with exit 2.
  const Manifest manifest = load_manifest(manifest_path);
  WorkPlan plan = plan_work(manifest, options.split_bytes, mpi.size());
  std::vector<StageSettings> settings;  // per source; built now so bad options are refused before any work
  for (const auto& source : manifest.sources) {
    settings.emplace_back(config, source.settings, source.name);
    build_stage_chain(settings.back());  // also loads model files once, before any work
  }
  // Metadata tables, one per source that names some, loaded once before any work.
  std::vector<std::shared_ptr<const MetadataTable>> metadata(manifest.sources.size());
  for (size_t s = 0; s < manifest.sources.size(); ++s) {
    const SourceSpec& source = manifest.sources[s];
    if (source.metadata.paths.empty() || !read_options<MetadataOptions>(settings[s]).enabled) continue;
    if (source.metadata.key.empty()) throw UserError("source '" + source.name + "': \"metadata\" needs a \"key\"");
    metadata[s] = MetadataTable::load(expand_metadata_paths(manifest, source), source.metadata.key);
  }

  // The tokenizer, when packing, is loaded before any work so a bad path stops the run.
  std::optional<Tokenizer> tokenizer;
  if (const std::string& tokenizer_path = options.tokenizer; !tokenizer_path.empty()) {
    try {
      tokenizer.emplace(load_tokenizer(tokenizer_path));
    } catch (const std::exception& e) {
      throw UserError("tokenizer '" + tokenizer_path + "' cannot be loaded: " + e.what());
    }
  }

  if (measures_from) {
    // The measures belong to the finished run's units: its inputs must be these.
    const nlohmann::json finished = nlohmann::json::parse(read_small_file(measures_from->root + "/run.json"));
    if (finished.value("inputs", nlohmann::json()) != run_identity(config, plan)["inputs"])
      throw UserError("the input files changed since the run in '" + measures_from->root + "': run curate again");
  }
  fs::create_directories(out);
  check_resumable(config, plan, out, options.resume, mpi.rank());
  number_lines(plan, mpi.rank());

  OutputLayout layout{out};
  const std::string& compression = options.compression;
  if (compression == "none") layout.extension = ".jsonl";
  else if (compression != "zstd") throw ConfigError("curate.compression must be zstd or none, not '" + compression + "'");
  fs::create_directories(layout.stats_dir());
  const auto& mine = plan.assignment[static_cast<size_t>(mpi.rank())];
  uint64_t my_bytes = 0;
  for (size_t u : mine) my_bytes += plan.units[u].end - plan.units[u].begin;
  Progress progress(measures_from ? "decide (rank 0)" : "curate (rank 0)", my_bytes,
                    mpi.rank() == 0 && options.progress);
  const int zstd_level = options.zstd_level;
  size_t skipped = 0;
  const DedupOptions dedup = dedup_options(config);
  if (dedup.enabled) fs::create_directories(layout.signatures_dir());
  for (size_t u : mine) {
    const WorkUnit& unit = plan.units[u];
    if (fs::exists(layout.stats_path(unit.index))) {
      ++skipped;
      continue;
    }
    size_t source_index = plan.files[unit.file_index].source_index;
    const SourceSpec& source = manifest.sources[source_index];
    StageChain stages = build_stage_chain(settings[source_index]);
    std::unique_ptr<Stage> join;  // after every rule: the header is for the model, not for the rules
    if (metadata[source_index])
      join = std::make_unique<MetadataJoin>(metadata[source_index],
                                            read_options<MetadataOptions>(settings[source_index]).header_template);
    std::unique_ptr<SignatureWriter> signatures;
    if (dedup.enabled)
      signatures = std::make_unique<SignatureWriter>(signature_path(layout.signatures_dir(), u), dedup,
                                                     static_cast<double>(source.priority));
    const UnitJob job{plan,
                      unit,
                      source,
                      stages,
                      join.get(),
                      layout,
                      dedup.enabled ? layout.streamed_docs_path(u) : layout.docs_path(u),
                      signatures.get(),
                      zstd_level,
                      measures_from ? measures_from->measures_path(u) : std::string()};
    run_unit(job, progress);
  }
  progress.finish();
  if (skipped > 0) log_info("resumed: ", skipped, " of ", mine.size(), " units were already complete");
  write_file_atomically(out + "/markers/stream.rank-" + std::to_string(mpi.rank()) + ".done",
                        std::to_string(mine.size()) + " units\n");
  mpi_barrier();

  // The global steps, then the final pass over this rank's units.
  nlohmann::json dedup_summary;
  if (dedup.enabled) {
    const std::string done = out + "/stream/dedup.done";
    if (fs::exists(done)) {
      dedup_summary = nlohmann::json::parse(read_small_file(done));
    } else {
      fs::create_directories(layout.removals_dir());
      fs::create_directories(out + "/dedup");
      DedupPaths paths{layout.signatures_dir(), layout.removals_dir(),
                       out + "/dedup/clusters.rank-" + std::to_string(mpi.rank()) + ".jsonl"};
      dedup_summary = run_global_dedup(plan, mpi.rank(), mpi.size(), dedup, paths);
      mpi_barrier();
      if (mpi.rank() == 0) write_file_atomically(done, dedup_summary.dump(1) + "\n");
    }
    for (size_t u : mine) {
      if (fs::exists(layout.final_stats_path(u))) continue;
      const WorkUnit& unit = plan.units[u];
      const std::string& source = manifest.sources[plan.files[unit.file_index].source_index].name;
      nlohmann::json stats = run_final_pass(plan, unit, source, layout, layout.streamed_docs_path(u),
                                            read_removals(removals_path(layout.removals_dir(), u)), zstd_level);
      write_file_atomically(layout.final_stats_path(u), stats.dump(1) + "\n");
    }
    mpi_barrier();
  }

  // Packing: each rank tokenizes its own units' kept documents.
  nlohmann::json token_sources;
  if (tokenizer) token_sources = run_packing(config, plan, manifest, layout, *tokenizer, mpi.rank(), mpi.size());

  if (mpi.rank() == 0) {
    std::vector<nlohmann::json> units;
    for (const auto& unit : plan.units) {
      units.push_back(nlohmann::json::parse(read_small_file(layout.stats_path(unit.index))));
      if (dedup.enabled) units.push_back(nlohmann::json::parse(read_small_file(layout.final_stats_path(unit.index))));
    }
    nlohmann::json report = merge_unit_stats(units);
    report["ranks"] = mpi.size();
    report["wall_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    report["manifest"] = manifest_path;
    report["config"] = config.values_as_text();
    if (dedup.enabled) report["dedup"] = dedup_summary;
    if (tokenizer) report["tokens"] = token_sources;
    write_file_atomically(out + "/report.json", report.dump(1) + "\n");
    write_file_atomically(out + "/report.md", render_report_markdown(report));
    log_info("documents in ", report["docs_in"].get<uint64_t>(), ", out ", report["docs_out"].get<uint64_t>(),
             ", rejected ", report["docs_rejected"].get<uint64_t>());
    for (const auto& e : report["errors"])
      log_warn("input error: ", e["message"].get<std::string>());
    log_info("curated documents: ", out, "/docs/  report: ", out, "/report.md (and report.json)");
  }
  mpi_barrier();
  return 0;
}

}  // namespace mucpt

namespace mucpt {

int run_train_classifier(const Config& config, const MpiContext& mpi) {
  const CurateOptions options = read_options<CurateOptions>(config);
  const std::string& manifest_path = options.manifest;
  const std::string& model_path = options.output;
  if (manifest_path.empty()) throw UserError("no manifest: give --manifest with labelled sources (\"domain\")");
  if (model_path.empty()) throw UserError("no model path: give --output MODEL.bin");
  if (mpi.rank() != 0) return 0;  // fastText trains with threads on one process
  const Manifest manifest = load_manifest(manifest_path);
  ClassifierEvaluation eval = train_classifier(manifest, config, classifier_training_options(config), model_path);
  write_file_atomically(model_path + ".eval.json", eval.to_json().dump(1) + "\n");
  std::printf("held-out documents:");
  for (const auto& [label, n] : eval.holdout_docs) std::printf(" %s %llu", label.c_str(), static_cast<unsigned long long>(n));
  std::printf("\n%9s %9s %9s %9s\n", "threshold", "precision", "recall", "F1");
  for (const auto& p : eval.curve) std::printf("%9.2f %9.4f %9.4f %9.4f\n", p.threshold, p.precision, p.recall, p.f1);
  std::printf("at 0.5: precision %.4f recall %.4f F1 %.4f\nmodel: %s (evaluation in %s.eval.json)\n",
              eval.at_half.precision, eval.at_half.recall, eval.at_half.f1, model_path.c_str(), model_path.c_str());
  return 0;
}

}  // namespace mucpt
