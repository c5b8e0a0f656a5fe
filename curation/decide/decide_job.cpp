#include "curation/decide/decide_job.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "common/declared_options.h"
#include "common/hashing.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "curation/curate_job.h"
#include "curation/decide/decide_summary.h"
#include "curation/decide/finished_run.h"
#include "curation/manifest.h"
#include "curation/stage_registry.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

// The measures are kept per work unit: the units must stay those of the run.
constexpr const char* kWorkPlanKey = "curate.split_bytes";

nlohmann::json read_run_identity(const std::string& run) {
  const std::string path = run + "/run.json";
  if (!fs::exists(path)) throw UserError("'" + run + "' is not a curate output folder (no run.json)");
  if (!fs::exists(run + "/report.json"))
    throw UserError("the run in '" + run + "' has not finished (no report.json): finish it with curate first");
  if (!fs::is_directory(run + "/measured"))
    throw UserError("the run in '" + run + "' kept no measures (no measured/): run curate again to decide on it");
  nlohmann::json id = nlohmann::json::parse(read_small_file(path), nullptr, false);
  if (!id.is_object() || !id.contains("options")) throw UserError(path + ": not a curate run identity");
  return id;
}

// The run's options with those given to decide in their place.
std::vector<std::string> decided_arguments(const Config& given, const nlohmann::json& run_options) {
  const auto now = given.values_as_text();
  std::vector<std::string> args{"curate"};
  for (const auto& [key, value] : now) {
    if (key == "config" || key == "run") continue;
    std::string text = value;
    if (key != "output" && !given.was_set(key)) {
      if (!run_options.contains(key)) continue;  // an option newer than the run: its default
      text = run_options[key].get<std::string>();
    } else if (key == kWorkPlanKey && run_options.contains(key) && run_options[key].get<std::string>() != text) {
      throw ConfigError("curate decide cannot change '" + key + "' (from '" + run_options[key].get<std::string>() +
                        "' to '" + text + "'): the run's measures belong to its work units; run curate again for it");
    }
    if (text.empty()) args.insert(args.end(), {"--" + key, ""});  // an empty value follows as its own word
    else args.push_back("--" + key + "=" + text);
  }
  return args;
}

Config parsed_config(const std::vector<std::string>& args) {
  Config config("curate decide");
  register_curate_options(config);
  register_decide_options(config);
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  config.parse(static_cast<int>(argv.size()), argv.data(), std::clog);
  return config;
}

// The options whose value differs from the run's, by key.
std::vector<std::string> changed_options(const Config& decided, const nlohmann::json& run_options) {
  std::vector<std::string> changed;
  for (const auto& [key, value] : decided.values_as_text()) {
    if (key == "config" || key == "run" || key == "output" || key == "curate.progress" || key == "curate.resume") continue;
    if (!run_options.contains(key) || run_options[key].get<std::string>() != value) changed.push_back(key);
  }
  return changed;
}

struct DecideOptions {
  std::string run;
  template <class Visitor>
  void visit(Visitor&& v) {
    v("run", run, "curate decide: the finished run whose measures are used again");
  }
};
}  // namespace

void register_decide_options(Config& config) { register_options<DecideOptions>(config); }

int run_decide(const Config& config, const MpiContext& mpi) {
  const std::string run = read_options<DecideOptions>(config).run;
  const std::string out = read_options<CurateOptions>(config).output;
  if (run.empty()) throw UserError("curate decide needs --run: the finished run to decide on");
  if (out.empty()) throw UserError("curate decide needs --output: a new folder for the decided run");
  if (fs::exists(run) && fs::exists(out) && fs::equivalent(run, out))
    throw UserError("curate decide writes a new folder: --output must not be the run it reads");
  const nlohmann::json id = read_run_identity(run);
  const nlohmann::json& options = id["options"];

  const Config decided = parsed_config(decided_arguments(config, options));

  const std::string manifest = read_options<CurateOptions>(decided).manifest;
  if (!fs::exists(manifest) || hash64(read_small_file(manifest)) != id.value("manifest_hash", uint64_t{0}))
    throw UserError("the manifest '" + manifest + "' changed since the run in '" + run + "': run curate again");

  FinishedRun finished;
  finished.layout.root = run;
  if (options.value("curate.compression", std::string("zstd")) == "none") finished.layout.extension = ".jsonl";
  finished.streamed = options.value("dedup.enabled", std::string("true")) == "true";
  // Where only thresholds changed, documents decided as the run decided them are taken
  // from its outputs; the run's own settings tell what it counted for the others.
  const std::vector<std::string> changed = changed_options(decided, options);
  const bool thresholds_only =
      std::all_of(changed.begin(), changed.end(), [](const std::string& key) { return is_threshold_option(key); });
  // The run's own options, for its stages' counts; it outlives the pipeline that reads it.
  std::optional<Config> own;
  if (thresholds_only) {
    own.emplace(parsed_config(decided_arguments(parsed_config({"curate", "--output=" + run}), options)));
    for (const auto& source : load_manifest(manifest).sources)
      finished.settings.emplace_back(*own, source.settings, source.name);
    for (const auto& key : changed) finished.changed_stages.insert(key.substr(0, key.find('.')));
  }
  if (mpi.rank() == 0)
    log_info(thresholds_only ? "deciding again from the outputs of " : "curating again with the measures of ", run);
  const int code = run_curate_pipeline(decided, mpi, &finished);
  if (mpi.rank() == 0) {
    // What the changed options did, against the run decided on.
    const auto read_json = [](const std::string& path) { return nlohmann::json::parse(read_small_file(path)); };
    const nlohmann::json summary = decide_summary(read_json(run + "/report.json"), read_json(out + "/report.json"),
                                                  options, read_json(out + "/run.json")["options"]);
    write_file_atomically(out + "/decide.json", summary.dump(1) + "\n");
    std::istringstream lines(describe_decide_summary(summary));
    for (std::string line; std::getline(lines, line);) log_info(line);
  }
  return code;
}

}  // namespace mucpt
