// `curate decide` against full runs: a finished run's measures at hand, other options
// write the documents, rejects and tokens a full run with those options writes, byte
// for byte; what would change the work units is refused by name.
#include "tests/catch.h"
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "common/line_reader.h"
#include "common/line_writer.h"
#include "tests/test_support.h"

using namespace mucpt;
namespace fs = std::filesystem;

namespace {

std::string curate(int ranks) {
  return "mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " " + testing::build_dir() +
         "/curate --curate.progress=false ";
}

// One world and tokenizer per test binary run.
const std::string& world() {
  static std::string dir = [] {
    std::string d = testing::scratch_dir("decide_world");
    auto r = testing::run_command(testing::build_dir() + "/synth --docs 1500 --seed 5 --output " + d);
    REQUIRE(r.exit_code == 0);
    r = testing::run_command(testing::build_dir() + "/train-tokenizer --input " + d +
                             "/sources/encyclopedia.jsonl.zst --text-field text --vocab-size 1024 --output " + d +
                             "/tokenizer.json");
    REQUIRE(r.exit_code == 0);
    return d;
  }();
  return dir;
}

// Every file under the folders that hold the run's output, by path without its
// compression suffix, with its content uncompressed.
std::map<std::string, std::string> output_of(const std::string& run) {
  std::map<std::string, std::string> files;
  for (const char* dir : {"docs", "rejects", "tokens"}) {
    if (!fs::exists(fs::path(run) / dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(run) / dir)) {
      if (!entry.is_regular_file()) continue;
      std::string name = fs::relative(entry.path(), run).string();
      std::string content;
      if (entry.path().extension() == ".zst" || entry.path().extension() == ".jsonl") {
        if (entry.path().extension() == ".zst") name.resize(name.size() - 4);
        LineReader reader(entry.path().string());
        std::string_view line;
        while (reader.next(line)) content.append(line).push_back('\n');
      } else {
        content = read_small_file(entry.path().string());
      }
      files[name] = std::move(content);
    }
  }
  return files;
}

void check_same_output(const std::string& full, const std::string& decided) {
  const auto a = output_of(full), b = output_of(decided);
  std::vector<std::string> names_a, names_b;
  for (const auto& [name, content] : a) names_a.push_back(name);
  for (const auto& [name, content] : b) names_b.push_back(name);
  REQUIRE(names_a == names_b);
  for (const auto& [name, content] : a) {
    INFO(name);
    CHECK(content.size() == b.at(name).size());
    CHECK(content == b.at(name));
  }
}

// What a run's report counts, without the times: documents and bytes in and out, per
// stage (with its rejects and counters), per source and per file, dedup and tokens.
nlohmann::json report_counts(const std::string& run) {
  auto report = nlohmann::json::parse(read_small_file(run + "/report.json"));
  for (const char* timing : {"config", "steps", "wall_seconds", "dedup_signature_seconds"}) report.erase(timing);
  for (auto& stage : report["stages"]) stage.erase("seconds");
  for (const char* timing : {"seconds", "phase_seconds"}) report["dedup"].erase(timing);
  return report;
}

void check_same_report(const std::string& full, const std::string& decided) {
  const nlohmann::json a = report_counts(full), b = report_counts(decided);
  for (auto it = a.begin(); it != a.end(); ++it) {
    INFO("report.json " << it.key());
    CHECK(it.value().dump(1) == b.value(it.key(), nlohmann::json()).dump(1));
  }
  CHECK(a.size() == b.size());
}

uint64_t docs_out(const std::string& run) {
  auto report = nlohmann::json::parse(read_small_file(run + "/report.json"));
  return report["docs_out"].get<uint64_t>();
}

}  // namespace

TEST_CASE("decide with a stricter word count writes what a full run with it writes") {
  const std::string run = testing::scratch_dir("decide_default"), full = testing::scratch_dir("decide_full80"),
                    decided = testing::scratch_dir("decide_80");
  auto r = testing::run_command(curate(2) + "--manifest " + world() + "/manifest.json --tokenizer " + world() +
                                "/tokenizer.json --output " + run);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  r = testing::run_command(curate(2) + "--manifest " + world() + "/manifest.json --tokenizer " + world() +
                           "/tokenizer.json --output " + full + " --gopher_quality.min_words=80");
  REQUIRE(r.exit_code == 0);
  // On 3 ranks: the measures belong to units, not to ranks.
  r = testing::run_command(curate(3) + "decide --run " + run + " --output " + decided +
                           " --gopher_quality.min_words=80");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(docs_out(decided) < docs_out(run));
  CHECK(docs_out(decided) == docs_out(full));
  const auto report = nlohmann::json::parse(read_small_file(decided + "/report.json"));
  CHECK(report["stages"]["gopher_quality"]["rejected"]["short_doc"].get<uint64_t>() > 0);
  CHECK(report["docs_in"].get<uint64_t>() ==
        report["docs_out"].get<uint64_t>() + report["docs_rejected"].get<uint64_t>());
  // decide.json: what the change did against the run.
  const auto summary = nlohmann::json::parse(read_small_file(decided + "/decide.json"));
  CHECK(summary["changed"] == nlohmann::json::parse(R"({"gopher_quality.min_words": ["50", "80"]})"));
  CHECK(summary["docs_out"][0].get<uint64_t>() == docs_out(run));
  CHECK(summary["docs_out"][1].get<uint64_t>() == docs_out(decided));
  CHECK(summary["rejected"]["gopher_quality/short_doc"][1].get<uint64_t>() >
        summary["rejected"]["gopher_quality/short_doc"][0].get<uint64_t>());
  CHECK(summary["tokens"][1].get<uint64_t>() < summary["tokens"][0].get<uint64_t>());
  CHECK_THAT(r.output, Catch::Contains("changed gopher_quality.min_words: 50 -> 80"));
  // Only a threshold changed: documents decided as before come from the run's outputs.
  CHECK_THAT(r.output, Catch::Contains("deciding again from the outputs of"));
  // Kept documents were picks from the run's stream, read back once their units were written.
  CHECK((!fs::exists(decided + "/stream/picks") || fs::is_empty(decided + "/stream/picks")));
  // Tokens are packed per rank: compare with the full run on the same rank count.
  const std::string full3 = testing::scratch_dir("decide_full80_np3");
  r = testing::run_command(curate(3) + "--manifest " + world() + "/manifest.json --tokenizer " + world() +
                           "/tokenizer.json --output " + full3 + " --gopher_quality.min_words=80");
  REQUIRE(r.exit_code == 0);
  check_same_output(full3, decided);
  check_same_report(full3, decided);
  CHECK(read_small_file(full3 + "/run.json") == read_small_file(decided + "/run.json"));
}

TEST_CASE("decide with looser and stricter quality thresholds takes the rest from the run's outputs") {
  // A looser word count lets documents the run dropped through to the rules after it
  // (C4 edits their text); stricter length, repetition, stop-word and FineWeb rules
  // drop documents the run kept.
  const std::string changed =
      " --gopher_quality.min_words=20 --gopher_quality.min_stop_words=4 --gopher_repetition.top_2_gram=0.15"
      " --fineweb.line_punct_min=0.5 --fineweb.short_line_share=0.3 --length.min_chars=150";
  const std::string run = testing::scratch_dir("decide_rules_run"), full = testing::scratch_dir("decide_rules_full"),
                    decided = testing::scratch_dir("decide_rules");
  const std::string common = "--manifest " + world() + "/manifest.json --tokenizer " + world() + "/tokenizer.json";
  auto r = testing::run_command(curate(2) + common + " --output " + run);
  REQUIRE(r.exit_code == 0);
  r = testing::run_command(curate(2) + common + " --output " + full + changed);
  REQUIRE(r.exit_code == 0);
  r = testing::run_command(curate(2) + "decide --run " + run + " --output " + decided + changed);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("deciding again from the outputs of"));
  const auto before = report_counts(run)["stages"], after = report_counts(decided)["stages"];
  const auto rejected = [](const nlohmann::json& stages, const char* stage, const char* reason) {
    return stages[stage]["rejected"].value(reason, 0);
  };
  CHECK(rejected(after, "gopher_quality", "short_doc") < rejected(before, "gopher_quality", "short_doc"));
  CHECK(rejected(after, "gopher_quality", "not_enough_stop_words") >
        rejected(before, "gopher_quality", "not_enough_stop_words"));
  CHECK(rejected(after, "c4", "too_few_sentences") > rejected(before, "c4", "too_few_sentences"));
  CHECK(rejected(after, "fineweb", "line_punct_ratio") > rejected(before, "fineweb", "line_punct_ratio"));
  CHECK(rejected(after, "length", "too_short") > rejected(before, "length", "too_short"));
  check_same_output(full, decided);
  check_same_report(full, decided);

  // And back: the run's own thresholds give the run's output again.
  const std::string again = testing::scratch_dir("decide_rules_back");
  r = testing::run_command(curate(2) + "decide --run " + decided + " --output " + again +
                           " --gopher_quality.min_words=50 --gopher_quality.min_stop_words=2"
                           " --gopher_repetition.top_2_gram=0.2 --fineweb.line_punct_min=0.12"
                           " --fineweb.short_line_share=0.67 --length.min_chars=50");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  check_same_output(run, again);
  check_same_report(run, again);
}

TEST_CASE("decide with looser language, domain and quality thresholds writes what a full run writes") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string classifier = testing::scratch_dir("decide_classifier") + "/music.bin";
  auto r = testing::run_command(testing::build_dir() + "/curate train-classifier --manifest " + world() +
                                "/manifest.json --output " + classifier + " --classifier.threads 1");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const std::string inputs = "--manifest " + world() + "/manifest.json --tokenizer " + world() +
                             "/tokenizer.json --langid.model " + data + "/fasttext/lid.176.ftz" +
                             " --classifier.policy weight";
  const std::string common = inputs + " --classifier.model " + classifier;
  const std::string strict = " --langid.languages=en --classifier.threshold=0.3";
  const std::string looser =
      " --langid.languages=en,zh --langid.threshold=0.3 --classifier.threshold=0.05 --classifier.weight_min=0.8"
      " --c4.min_sentences=1 --gopher_quality.min_words=20";
  const std::string run = testing::scratch_dir("decide_strict"), full = testing::scratch_dir("decide_loose_full"),
                    decided = testing::scratch_dir("decide_loose");
  r = testing::run_command(curate(2) + common + strict + " --output " + run);
  REQUIRE(r.exit_code == 0);
  r = testing::run_command(curate(2) + common + looser + " --output " + full);
  REQUIRE(r.exit_code == 0);
  r = testing::run_command(curate(2) + "decide --run " + run + " --output " + decided + looser);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(docs_out(decided) > docs_out(run));
  check_same_output(full, decided);

  // Language and domain thresholds alone are applied to the stored probabilities.
  const std::string thresholds = " --langid.languages=en,zh --langid.threshold=0.3 --classifier.threshold=0.05";
  const std::string full_thresholds = testing::scratch_dir("decide_thresholds_full"),
                    decided_thresholds = testing::scratch_dir("decide_thresholds");
  r = testing::run_command(curate(2) + common + thresholds + " --output " + full_thresholds);
  REQUIRE(r.exit_code == 0);
  r = testing::run_command(curate(2) + "decide --run " + run + " --output " + decided_thresholds + thresholds);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("deciding again from the outputs of"));
  CHECK(docs_out(decided_thresholds) > docs_out(run));
  check_same_output(full_thresholds, decided_thresholds);
  check_same_report(full_thresholds, decided_thresholds);

  // Another classifier: its probabilities, not the stored ones of the run's model.
  const std::string other = testing::scratch_dir("decide_other_classifier") + "/music.bin";
  r = testing::run_command(testing::build_dir() + "/curate train-classifier --manifest " + world() +
                           "/manifest.json --output " + other + " --classifier.threads 1 --classifier.epochs 1"
                           " --classifier.dim 8");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const std::string full_other = testing::scratch_dir("decide_other_full"),
                    decided_other = testing::scratch_dir("decide_other");
  r = testing::run_command(curate(2) + inputs + strict + " --classifier.model " + other + " --output " + full_other);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  r = testing::run_command(curate(2) + "decide --run " + run + " --output " + decided_other + " --classifier.model " +
                           other);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(docs_out(full_other) != docs_out(run));
  check_same_output(full_other, decided_other);

  // A decided run can be decided on again: back to the first thresholds.
  const std::string again = testing::scratch_dir("decide_back");
  r = testing::run_command(curate(2) + "decide --run " + decided + " --output " + again +
                           " --langid.languages=en --langid.threshold=0.65 --classifier.threshold=0.3"
                           " --classifier.weight_min=0.1 --c4.min_sentences=3 --gopher_quality.min_words=50");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  check_same_output(run, again);
}

TEST_CASE("decide with options that change what is measured measures again and writes what a full run writes") {
  // Fewer masked spans allowed, boilerplate removal and the FineWeb short-line width
  // change texts or measures: stored values no longer match and are measured again.
  const std::string changed =
      " --privacy.max_hits=1 --boilerplate.max_line_chars=60 --fineweb.short_line_max_chars=20";
  const std::string run = testing::scratch_dir("decide_text_run"), full = testing::scratch_dir("decide_text_full"),
                    decided = testing::scratch_dir("decide_text");
  auto r = testing::run_command(curate(2) + "--manifest " + world() + "/manifest.json --output " + run);
  REQUIRE(r.exit_code == 0);
  r = testing::run_command(curate(2) + "--manifest " + world() + "/manifest.json --output " + full + changed);
  REQUIRE(r.exit_code == 0);
  r = testing::run_command(curate(2) + "decide --run " + run + " --output " + decided + changed);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(docs_out(full) != docs_out(run));
  check_same_output(full, decided);
}

TEST_CASE("decide refuses what it cannot decide, naming the option or the folder") {
  const std::string run = testing::scratch_dir("decide_refusals");
  auto r = testing::run_command(curate(2) + "--manifest " + world() + "/manifest.json --output " + run);
  REQUIRE(r.exit_code == 0);
  const std::string out = testing::scratch_dir("decide_refused") + "/out";

  r = testing::run_command(curate(2) + "decide --run " + run + " --output " + out + " --curate.split_bytes=1000");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("cannot change 'curate.split_bytes'") && Catch::Contains("run curate again"));
  r = testing::run_command(curate(2) + "decide --run " + run + " --output " + run);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("must not be the run it reads"));
  r = testing::run_command(curate(2) + "decide --run " + out + "-missing --output " + out);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("-missing' is not a curate output folder"));
  CHECK_FALSE(fs::exists(out));

  // The run's stream is read back from its documents and dedup rejects: a lost rejects
  // file is named.
  std::string dedup_rejects;
  for (const auto& entry : fs::directory_iterator(run + "/rejects/dedup")) dedup_rejects = entry.path().string();
  REQUIRE(!dedup_rejects.empty());
  const std::string kept_rejects = read_small_file(dedup_rejects);
  fs::remove(dedup_rejects);
  r = testing::run_command(curate(2) + "decide --run " + run + " --output " + out + " --gopher_quality.min_words=80");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains(fs::path(dedup_rejects).filename().string() + ": missing, but the run removed duplicates"));
  write_file_atomically(dedup_rejects, kept_rejects);
  fs::remove_all(out);

  // A damaged measures file stops decide with the file and line named (exit 2, not a
  // fault of the input).
  {
    LineWriter damaged(run + "/measured/part-000000.jsonl.zst");
    damaged.write_line(R"({"line":1,"measured":{"langid":"not an array"}})");
    damaged.commit();
  }
  r = testing::run_command(curate(2) + "decide --run " + run + " --output " + out);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("measured/part-000000.jsonl.zst:1: not a measure record"));
  fs::remove_all(out);

  fs::remove_all(run + "/measured");
  r = testing::run_command(curate(2) + "decide --run " + run + " --output " + out);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("kept no measures"));
}
