#include "evaluation/compare_job.h"

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unordered_map>

#include "common/declared_options.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "evaluation/bootstrap.h"
#include "evaluation/evaluate_job.h"
#include "evaluation/qa_report.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

// The option only evaluate compare reads (it shares output with evaluate).
struct CompareOptions {
  bool common_items = false;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("common_items", common_items, "compare: compare only the item ids every run has");
  }
};

}  // namespace

void register_compare_options(Config& config) { register_options<CompareOptions>(config); }

namespace {

// What an item asked in one run, and the line of graded.jsonl that says it.
struct ItemText {
  std::string question, gold;
  uint64_t line = 0;
};

// One evaluate output folder: its grades by item id, the ids in file order, and what
// each id asked.
struct Run {
  std::string dir;
  std::string answers;  // the model or predictions file, from report.json when it is there
  nlohmann::json settings;  // report.json's: how items were chosen, asked and graded
  std::vector<std::string> ids;
  std::unordered_map<std::string, Grade> grades;
  std::unordered_map<std::string, ItemText> texts;
};

Grade grade_named(const std::string& name, const std::string& where) {
  for (Grade g : {Grade::correct, Grade::incorrect, Grade::not_attempted})
    if (name == grade_name(g)) return g;
  throw UserError(where + "grade '" + name + "' is not CORRECT, INCORRECT or NOT_ATTEMPTED");
}

Run read_run(const std::string& dir) {
  Run run{dir, "", {}, {}, {}, {}};
  const std::string path = dir + "/graded.jsonl";
  if (!fs::is_regular_file(path)) throw UserError(dir + ": no graded.jsonl (not an evaluate output folder)");
  LineReader reader(path);
  std::unordered_map<std::string, uint64_t> line_of;
  uint64_t number = 0;
  for (std::string_view line; reader.next(line);) {
    ++number;
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) throw UserError(where + "empty line");
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) throw UserError(where + "not valid JSON");
    if (!j.is_object()) throw UserError(where + "not a JSON object");
    if (!j.contains("id") || !j["id"].is_string()) throw UserError(where + "no string \"id\"");
    if (!j.contains("grade") || !j["grade"].is_string()) throw UserError(where + "no string \"grade\"");
    const std::string id = j["id"];
    if (const auto [at, fresh] = line_of.emplace(id, number); !fresh)
      throw UserError(where + "id '" + id + "' again (first on line " + std::to_string(at->second) + ")");
    run.grades[id] = grade_named(j["grade"], where);
    const auto text_of = [&](const char* key) {
      return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
    };
    run.texts[id] = {text_of("question"), text_of("gold"), number};
    run.ids.push_back(id);
  }
  if (run.ids.empty()) throw UserError(path + ": no graded item");
  if (const std::string report = dir + "/report.json"; fs::is_regular_file(report)) {
    const auto j = nlohmann::json::parse(read_small_file(report), nullptr, false);
    if (!j.is_object()) throw UserError(report + ": not a JSON object");
    if (j.contains("answers") && j["answers"].is_string()) run.answers = j["answers"];
    if (j.contains("settings") && j["settings"].is_object()) run.settings = j["settings"];
  }
  return run;
}

// The first run's ids (in its order) that every run has. Without common_items, a run
// with other ids is refused, naming it and how many ids differ.
std::vector<std::string> paired_ids(const std::vector<Run>& runs, bool common_items) {
  const Run& first = runs[0];
  std::string differences;
  for (size_t k = 1; k < runs.size(); ++k) {
    size_t extra = 0, lacking = 0;
    for (const auto& id : runs[k].ids) extra += first.grades.count(id) == 0;
    for (const auto& id : first.ids) lacking += runs[k].grades.count(id) == 0;
    if (extra + lacking > 0)
      differences += "; " + runs[k].dir + " has " + std::to_string(extra) + " ids that " + first.dir + " lacks and lacks " +
                     std::to_string(lacking) + " of its ids";
  }
  if (!differences.empty() && !common_items)
    throw UserError("the runs do not cover the same items" + differences +
                    " (--common_items compares the ids every run has)");
  std::vector<std::string> ids;
  for (const auto& id : first.ids) {
    bool everywhere = true;
    for (const auto& run : runs) everywhere = everywhere && run.grades.count(id) > 0;
    if (everywhere) ids.push_back(id);
  }
  if (ids.empty()) throw UserError("no item id is in every run");
  return ids;
}

// An id pairs items only where it names the same question with the same gold answer in
// every run: ids made from line numbers (a benchmark file without ids) would pair other
// questions of a reordered or edited benchmark. A line without the text is not checked.
void check_same_items(const std::vector<Run>& runs, const std::vector<std::string>& ids) {
  const auto differ = [](const std::string& x, const std::string& y) { return !x.empty() && !y.empty() && x != y; };
  const Run& first = runs[0];
  for (size_t k = 1; k < runs.size(); ++k)
    for (const auto& id : ids) {
      const ItemText &a = first.texts.at(id), &b = runs[k].texts.at(id);
      const bool asked_other = differ(a.question, b.question);
      if (!asked_other && !differ(a.gold, b.gold)) continue;
      throw UserError(runs[k].dir + "/graded.jsonl:" + std::to_string(b.line) + ": item '" + id + "' " +
                      (asked_other ? "asks '" + b.question + "'" : "has the gold answer '" + b.gold + "'") + ", but " +
                      first.dir + "/graded.jsonl:" + std::to_string(a.line) + " " +
                      (asked_other ? "asks '" + a.question + "'" : "has '" + a.gold + "'") +
                      ": the runs used different benchmarks");
    }
}

// The settings in which a run differs from the first (another prompt, grader or
// item selection): the comparison stands, but the difference is then not the answers'
// source alone. Runs without settings (predictions graded elsewhere) are not checked.
nlohmann::json settings_differences(const Run& first, const Run& run) {
  nlohmann::json differences = nlohmann::json::array();
  if (first.settings.is_null() || run.settings.is_null()) return differences;
  for (const auto& [key, value] : first.settings.items())
    if (run.settings.value(key, nlohmann::json()) != value)
      differences.push_back({{"setting", key}, {"first", value}, {"this", run.settings.value(key, nlohmann::json())}});
  for (const auto& [key, value] : run.settings.items())
    if (!first.settings.contains(key)) differences.push_back({{"setting", key}, {"first", nullptr}, {"this", value}});
  return differences;
}

nlohmann::json compare_runs(const std::vector<Run>& runs, const std::vector<std::string>& ids, bool common_items,
                            const BootstrapSettings& settings) {
  const size_t n = ids.size();
  std::vector<std::vector<Grade>> grades(runs.size());
  for (size_t k = 0; k < runs.size(); ++k)
    for (const auto& id : ids) grades[k].push_back(runs[k].grades.at(id));

  nlohmann::json out{{"items", n}, {"paired_by", "id"}, {"common_items", common_items},
                     {"bootstrap", bootstrap_json(settings)}, {"runs", nlohmann::json::array()}};
  for (size_t k = 0; k < runs.size(); ++k) {
    nlohmann::json run = qa_scores_json(grades[k], settings);
    run["dir"] = runs[k].dir;
    run["answers"] = runs[k].answers;
    run["left_out"] = runs[k].ids.size() - n;
    if (k > 0) {
      // The same seed and item count as the intervals above: the same resamples, so
      // both runs are scored on the same items in each.
      const auto differences = bootstrap(n, settings, [&](const std::vector<size_t>& sample) {
        int64_t ahead = 0;
        for (size_t i : sample) ahead += int(grades[k][i] == Grade::correct) - int(grades[0][i] == Grade::correct);
        return std::vector<double>{double(ahead) / double(n)};
      });
      size_t better = 0;
      for (double d : differences[0]) better += d > 0;
      run["accuracy_difference"] = run["accuracy"].get<double>() - out["runs"][0]["accuracy"].get<double>();
      run["accuracy_difference_ci95"] = interval_json(percentile_interval(differences[0]));
      run["share_better"] = double(better) / double(differences[0].size());
      run["settings_differences"] = settings_differences(runs[0], runs[k]);
    }
    out["runs"].push_back(run);
  }
  return out;
}

std::string render_compare_markdown(const nlohmann::json& c) {
  std::ostringstream md;
  const auto& runs = c["runs"];
  md << "# Comparison of " << runs.size() << " evaluate runs\n\n"
     << c["items"].get<uint64_t>() << " items, paired by id";
  if (c["common_items"].get<bool>()) md << " (--common_items: only the ids every run has; `left out` counts the others)";
  md << ".\n\n| run | answers | left out | accuracy | correct given attempted | F | accuracy - run 1 | "
        "share of resamples ahead of run 1 |\n|---|---|---:|---:|---:|---:|---:|---:|\n";
  for (size_t k = 0; k < runs.size(); ++k) {
    const auto& r = runs[k];
    md << "| " << k + 1 << ": " << r["dir"].get<std::string>() << " | " << r["answers"].get<std::string>() << " | "
       << r["left_out"].get<uint64_t>() << " | " << score_with_interval(r, "accuracy") << " | "
       << score_with_interval(r, "correct_given_attempted") << " | " << score_with_interval(r, "f_score") << " | ";
    if (k == 0) {
      md << "- | - |\n";
      continue;
    }
    char cells[128];
    std::snprintf(cells, sizeof cells, "%+.4f [%+.4f, %+.4f] | %.3f |\n", r["accuracy_difference"].get<double>(),
                  r["accuracy_difference_ci95"][0].get<double>(), r["accuracy_difference_ci95"][1].get<double>(),
                  r["share_better"].get<double>());
    md << cells;
  }
  for (size_t k = 1; k < runs.size(); ++k)
    for (const auto& d : runs[k]["settings_differences"])
      md << "\nRun " << k + 1 << " differs from run 1 in " << d["setting"].get<std::string>() << ": "
         << d["this"].dump() << " (run 1: " << d["first"].dump() << ").";
  md << "\nIn brackets: 95% percentile bootstrap intervals (" << c["bootstrap"]["resamples"].get<int64_t>()
     << " resamples of the items, seed " << c["bootstrap"]["seed"].get<uint64_t>()
     << "). The difference is paired: each resample draws the same items for both runs.\n";
  return md.str();
}

}  // namespace

int run_compare(const Config& config, const MpiContext& mpi) {
  const CompareOptions options = read_options<CompareOptions>(config);
  const EvaluateOptions shared = read_options<EvaluateOptions>(config);
  const std::vector<std::string> dirs(config.positional().begin() + 1, config.positional().end());
  const std::string output = shared.output;
  if (dirs.size() < 2 || output.empty()) throw UserError("compare needs two or more RUN_DIRs and --output DIR");
  if (mpi.rank() != 0) return 0;  // a few thousand items: one process
  std::vector<Run> runs;
  for (const auto& dir : dirs) runs.push_back(read_run(dir));
  const bool common_items = options.common_items;
  const std::vector<std::string> ids = paired_ids(runs, common_items);
  check_same_items(runs, ids);
  const nlohmann::json comparison = compare_runs(runs, ids, common_items, BootstrapSettings{});
  for (size_t k = 1; k < runs.size(); ++k)
    for (const auto& d : comparison["runs"][k]["settings_differences"])
      log_info(runs[k].dir, " differs from ", runs[0].dir, " in ", d["setting"].get<std::string>(), ": ",
               d["this"].dump(), " against ", d["first"].dump(), " (the difference is not the answers' alone)");
  fs::create_directories(output);
  const std::string markdown = render_compare_markdown(comparison);
  write_file_atomically(output + "/compare.json", comparison.dump(1) + "\n");
  write_file_atomically(output + "/compare.md", markdown);
  std::cout << markdown << std::flush;
  return 0;
}

}  // namespace mucpt
