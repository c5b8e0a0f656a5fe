// evaluate compare: runs over the same items side by side, with paired bootstrap
// intervals of each run's accuracy difference to the first: on the right side of 0 for
// a run that is better item by item, [0, 0] for identical runs; runs over other items
// are refused unless --common_items; bad run folders are refused by file and line.
#include "tests/catch.h"
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "common/benchmark/benchmark.h"
#include "evaluation/qa_report.h"
#include "tests/test_support.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A run folder as evaluate writes it: graded.jsonl with one line per id, and report.json.
std::string write_run(const std::string& dir, const std::vector<std::string>& ids, const std::vector<Grade>& grades) {
  fs::create_directories(dir);
  std::ofstream out(dir + "/graded.jsonl");
  std::vector<GradedItem> items;
  for (size_t i = 0; i < ids.size(); ++i) {
    out << json{{"id", ids[i]}, {"question", "q"}, {"gold", "a"}, {"predicted", "p"}, {"grade", grade_name(grades[i])},
                {"topic", "Music"}, {"answer_type", "Person"}}
               .dump()
        << "\n";
    GradedItem g;
    g.id = ids[i];
    g.grade = grades[i];
    items.push_back(g);
  }
  json report = qa_report(items);
  report["answers"] = dir + "/predictions.jsonl";
  std::ofstream(dir + "/report.json") << report.dump(1);
  return dir;
}

std::vector<std::string> ids_from(int first, int n) {
  std::vector<std::string> ids;
  for (int i = first; i < first + n; ++i) ids.push_back("item-" + std::to_string(i));
  return ids;
}

testing::CommandResult compare(const std::string& args) {
  return testing::run_command(testing::build_dir() + "/evaluate compare " + args);
}

json compare_json(const std::string& out) { return json::parse(std::ifstream(out + "/compare.json")); }

}  // namespace

TEST_CASE("compare: a run correct on more of the same items is ahead of the first by a paired interval above 0") {
  const std::string root = testing::scratch_dir("compare_known");
  const auto ids = ids_from(0, 60);
  // Weak: items 0-14 correct, 15-44 incorrect, the rest not attempted. Strong: also 15-39.
  std::vector<Grade> weak(60, Grade::not_attempted), strong(60, Grade::not_attempted);
  for (int i = 0; i < 45; ++i) weak[i] = i < 15 ? Grade::correct : Grade::incorrect;
  for (int i = 0; i < 45; ++i) strong[i] = i < 40 ? Grade::correct : Grade::incorrect;
  const std::string a = write_run(root + "/weak", ids, weak), b = write_run(root + "/strong", ids, strong);
  // The strong run lists its items in another order: pairing is by id.
  {
    std::ifstream in(b + "/graded.jsonl");
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    std::ofstream out(b + "/graded.jsonl");
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) out << *it << "\n";
  }

  auto r = compare(a + " " + b + " " + a + " --output " + root + "/out");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const json c = compare_json(root + "/out");
  CHECK(c["items"] == 60);
  CHECK(c["common_items"] == false);
  REQUIRE(c["runs"].size() == 3);
  const json &first = c["runs"][0], &second = c["runs"][1], &same = c["runs"][2];
  CHECK(first["dir"] == a);
  CHECK(first["answers"] == a + "/predictions.jsonl");
  CHECK(first["correct"] == 15);
  CHECK(second["correct"] == 40);
  CHECK(first["accuracy"].get<double>() == Approx(15.0 / 60));
  CHECK(second["correct_given_attempted"].get<double>() == Approx(40.0 / 45));
  CHECK_FALSE(first.contains("accuracy_difference"));
  // The first run's intervals are its own report's: the same seed draws the same items.
  const json report = json::parse(std::ifstream(a + "/report.json"));
  for (const char* key : {"accuracy_ci95", "correct_given_attempted_ci95", "f_score_ci95"}) CHECK(first[key] == report[key]);

  CHECK(second["accuracy_difference"].get<double>() == Approx(25.0 / 60));
  // Paired by id each item differs by 1 (items 15-39) or 0, so a resample's difference is
  // Binomial(60, 25/60) / 60: its 2.5th and 97.5th percentiles are about 18/60 and 33/60.
  // Paired by line (the strong run's order reversed) items would differ by -1 too, and
  // the interval would be about [0.20, 0.62].
  const json& ahead = second["accuracy_difference_ci95"];
  CHECK(ahead[0].get<double>() >= 0.27);
  CHECK(ahead[0].get<double>() < 25.0 / 60);
  CHECK(ahead[1].get<double>() > 25.0 / 60);
  CHECK(ahead[1].get<double>() <= 0.58);
  CHECK(second["share_better"] == 1.0);  // never behind on any item
  // The first run against itself: every resample differs by exactly 0.
  CHECK(same["accuracy_difference"] == 0.0);
  CHECK(same["accuracy_difference_ci95"] == json::array({0.0, 0.0}));
  CHECK(same["share_better"] == 0.0);

  std::ifstream md_file(root + "/out/compare.md");
  const std::string md(std::istreambuf_iterator<char>(md_file), {});
  CHECK_THAT(md, Catch::Contains("60 items, paired by id"));
  CHECK_THAT(md, Catch::Contains("| 2: " + b + " |"));
  CHECK_THAT(md, Catch::Contains("| +0.4167 ["));
  CHECK_THAT(md, Catch::Contains("| +0.0000 [+0.0000, +0.0000] | 0.000 |"));
  CHECK_THAT(r.output, Catch::Contains("| 3: " + a + " |"));  // also printed

  SECTION("the runs swapped: the interval is below 0 and the second run is never ahead") {
    auto swapped = compare(b + " " + a + " --output " + root + "/swapped");
    REQUIRE(swapped.exit_code == 0);
    const json s = compare_json(root + "/swapped");
    CHECK(s["runs"][1]["accuracy_difference_ci95"][1].get<double>() < 0);
    CHECK(s["runs"][1]["share_better"] == 0.0);
  }
}

TEST_CASE("compare: runs over other items are refused by name and count, or compared on their common ids") {
  const std::string root = testing::scratch_dir("compare_items");
  const std::string a = write_run(root + "/a", ids_from(0, 20), std::vector<Grade>(20, Grade::correct));
  // b lacks items 0-2 and has 20 and 21 instead.
  const std::string b = write_run(root + "/b", ids_from(3, 19), std::vector<Grade>(19, Grade::incorrect));
  auto refused = compare(a + " " + b + " --output " + root + "/out");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Catch::Contains(b + " has 2 ids that " + a + " lacks and lacks 3 of its ids"));
  CHECK_THAT(refused.output, Catch::Contains("--common_items"));
  CHECK_FALSE(fs::exists(root + "/out/compare.json"));

  auto common = compare(a + " " + b + " --common_items --output " + root + "/out");
  INFO(common.output);
  REQUIRE(common.exit_code == 0);
  const json c = compare_json(root + "/out");
  CHECK(c["items"] == 17);
  CHECK(c["common_items"] == true);
  CHECK(c["runs"][0]["left_out"] == 3);
  CHECK(c["runs"][1]["left_out"] == 2);
  CHECK(c["runs"][0]["correct"] == 17);
  CHECK(c["runs"][1]["accuracy_difference"] == -1.0);
  CHECK(c["runs"][1]["accuracy_difference_ci95"] == json::array({-1.0, -1.0}));
  CHECK_THAT(common.output, Catch::Contains("--common_items: only the ids every run has"));
}

TEST_CASE("compare: bad run folders are refused naming the folder, the file and the line") {
  const std::string root = testing::scratch_dir("compare_bad");
  const std::string good = write_run(root + "/good", ids_from(0, 3), std::vector<Grade>(3, Grade::correct));
  auto refused = [&](const std::string& name, const std::vector<std::string>& lines, const std::string& message) {
    const std::string dir = root + "/" + name;
    fs::create_directories(dir);
    std::ofstream out(dir + "/graded.jsonl");
    for (const auto& l : lines) out << l << "\n";
    out.close();
    auto r = compare(good + " " + dir + " --output " + root + "/out");
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(dir + "/graded.jsonl" + message));
  };
  const std::string line0 = R"({"id": "item-0", "grade": "CORRECT"})", line1 = R"({"id": "item-1", "grade": "INCORRECT"})";
  SECTION("a damaged line") { refused("damaged", {line0, line1, R"({"id": "item-2", "gra)"}, ":3: not valid JSON"); }
  SECTION("a line without an id") { refused("no_id", {line0, R"({"grade": "CORRECT"})"}, ":2: no string \"id\""); }
  SECTION("an unknown grade") {
    refused("grade", {line0, R"({"id": "item-1", "grade": "RIGHT"})"}, ":2: grade 'RIGHT' is not CORRECT");
  }
  SECTION("an id twice") {
    refused("twice", {line0, line1, R"({"id": "item-0", "grade": "INCORRECT"})"},
            ":3: id 'item-0' again (first on line 1)");
  }
  SECTION("an id that asks another question, or has another gold answer: another benchmark") {
    const std::string asked = R"({"id": "item-1", "question": "other", "gold": "a", "grade": "CORRECT"})";
    const std::string line2 = R"({"id": "item-2", "grade": "CORRECT"})";  // no text: not checked
    refused("asked", {line0, asked, line2}, ":2: item 'item-1' asks 'other', but " + good + "/graded.jsonl:2 asks 'q'");
    const std::string gold = R"({"id": "item-1", "question": "q", "gold": "b", "grade": "CORRECT"})";
    refused("gold", {line0, gold, line2}, ":2: item 'item-1' has the gold answer 'b', but " + good + "/graded.jsonl:2 has 'a'");
  }
  SECTION("a folder without graded.jsonl") {
    fs::create_directories(root + "/empty");
    auto r = compare(good + " " + root + "/empty --output " + root + "/out");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(root + "/empty: no graded.jsonl"));
  }
  SECTION("one run only") {
    auto r = compare(good + " --output " + root + "/out");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("two or more RUN_DIRs"));
  }
}

TEST_CASE("compare reads evaluate's own folders, and their reports give intervals per answer type") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string csv = data + "/qa/simple_qa_test_set.csv";
  const auto items = load_benchmark(csv, "Music");
  REQUIRE(items.size() == 341);
  const std::string root = testing::scratch_dir("compare_evaluate");
  // Half-right answers every other item; all-right answers every item.
  std::map<std::string, uint64_t> types;
  {
    std::ofstream half(root + "/half.jsonl"), all(root + "/all.jsonl");
    for (size_t k = 0; k < items.size(); ++k) {
      ++types[items[k].answer_type];
      all << json{{"id", items[k].id}, {"predicted", items[k].answer}}.dump() << "\n";
      half << json{{"id", items[k].id}, {"predicted", k % 2 ? "Zyxwv Qwertyuiop" : items[k].answer}}.dump() << "\n";
    }
  }
  for (const char* run : {"half", "all"}) {
    auto r = testing::run_command(testing::build_dir() + "/evaluate --benchmark " + csv + " --topic Music --predictions " +
                                  root + "/" + run + ".jsonl --output " + root + "/" + run);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
  }
  const json report = json::parse(std::ifstream(root + "/half/report.json"));
  REQUIRE(report["answer_types"].size() == types.size());
  for (const auto& [type, count] : types) {
    INFO(type);
    const json& group = report["answer_types"][type.empty() ? "(none)" : type];
    CHECK(group["items"] == count);
    CHECK(group["accuracy_ci95"][0].get<double>() <= group["accuracy"].get<double>());
    CHECK(group["accuracy"].get<double>() <= group["accuracy_ci95"][1].get<double>());
  }
  std::ifstream graded(root + "/half/graded.jsonl");
  std::string first;
  std::getline(graded, first);
  CHECK(json::parse(first)["answer_type"] == items[0].answer_type);

  auto r = compare(root + "/half " + root + "/all --output " + root + "/out");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  const json c = compare_json(root + "/out");
  CHECK(c["items"] == 341);
  CHECK(c["runs"][0]["answers"] == root + "/half.jsonl");
  CHECK(c["runs"][0]["accuracy_ci95"] == report["accuracy_ci95"]);
  const json& all = c["runs"][1];
  CHECK(all["correct"].get<uint64_t>() > c["runs"][0]["correct"].get<uint64_t>());
  CHECK(all["accuracy_difference_ci95"][0].get<double>() > 0);
  CHECK(all["share_better"] == 1.0);
  CHECK(all["settings_differences"] == json::array());
  CHECK(report["settings"] == json{{"topic", "Music"}, {"limit", 0}, {"grader", "rules"}});

  // The same items chosen another way: compared, and the setting named.
  auto limited = testing::run_command(testing::build_dir() + "/evaluate --benchmark " + csv +
                                      " --topic Music --limit 341 --predictions " + root + "/all.jsonl --output " +
                                      root + "/limited");
  REQUIRE(limited.exit_code == 0);
  auto named = compare(root + "/half " + root + "/limited --output " + root + "/out_limited");
  INFO(named.output);
  REQUIRE(named.exit_code == 0);
  CHECK(compare_json(root + "/out_limited")["runs"][1]["settings_differences"] ==
        json::array({json{{"setting", "limit"}, {"first", 0}, {"this", 341}}}));
  CHECK_THAT(named.output, Catch::Contains(root + "/limited differs from " + root + "/half in limit: 341 against 0"));
}
