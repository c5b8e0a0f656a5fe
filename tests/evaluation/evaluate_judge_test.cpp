// evaluate with an external judge (a real process) and with damaged predictions files,
// on a hand-made benchmark: the judge's grades are used and counted per row, a judge
// past its timeout leaves the rules to grade, a failed run is retried, a rerun takes
// every grade from the cache (for one rank or two); every prediction line is accounted
// for, and an unusable one stops the run naming its file and line.
#include "tests/catch.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/evaluation/evaluate_command.h"
#include "tests/test_support.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

using testing::count_lines;
using testing::evaluate;
using testing::read_lines;
using testing::write_lines;

namespace {

json read_json(const std::string& path) { return json::parse(std::ifstream(path)); }

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Six items; their predictions: the exact answer, the answer in a sentence (CORRECT by
// the rules, INCORRECT by an exact-match judge), an alias, "pass" (NOT_ATTEMPTED by the
// judge), an empty answer, and none at all. The judge: judges/exact_match_judge.py.
struct Fixture {
  std::string dir;  // of its own per test case: CTest runs test cases in parallel
  std::string benchmark = dir + "/bench.jsonl", predictions = dir + "/predictions.jsonl", calls = dir + "/calls.log";
  std::string script = testing::source_dir() + "/tests/evaluation/judges/exact_match_judge.py";
  explicit Fixture(const std::string& name) : dir(testing::scratch_dir("evaluate_judge_" + name)) {
    write_lines(benchmark, {
        json{{"id", "q1"}, {"question", "Who recorded Kind of Blue?"}, {"answer", "Miles Davis"}}.dump(),
        json{{"id", "q2"}, {"question", "Who wrote A Love Supreme?"}, {"answer", "John Coltrane"}}.dump(),
        json{{"id", "q3"}, {"question", "Which band recorded Abbey Road?"}, {"answer", "The Beatles"},
             {"aliases", {"Beatles"}}}.dump(),
        json{{"id", "q4"}, {"question", "Who composed Gymnopedies?"}, {"answer", "Erik Satie"}}.dump(),
        json{{"id", "q5"}, {"question", "Who sang Respect in 1967?"}, {"answer", "Aretha Franklin"}}.dump(),
        json{{"id", "q6"}, {"question", "Who wrote The Rite of Spring?"}, {"answer", "Igor Stravinsky"}}.dump()});
    write_lines(predictions, {json{{"id", "q1"}, {"predicted", "Miles Davis"}}.dump(),
                              json{{"id", "q2"}, {"predicted", "It was John Coltrane."}}.dump(),
                              json{{"id", "q3"}, {"predicted", "Beatles"}}.dump(),
                              json{{"id", "q4"}, {"predicted", "pass"}}.dump(),
                              json{{"id", "q5"}, {"predicted", ""}}.dump()});
  }
  std::string judge() const { return "'python3 " + script + " " + calls + "'"; }
  testing::CommandResult run(int ranks, const std::string& out, const std::string& extra) const {
    return evaluate(ranks, "--benchmark " + benchmark + " --predictions " + predictions + " --output " + out + " " + extra);
  }
};

std::map<std::string, std::string> column(const std::vector<json>& rows, const char* key) {
  std::map<std::string, std::string> by_id;
  for (const auto& r : rows) by_id[r["id"]] = r[key];
  return by_id;
}

}  // namespace

TEST_CASE("evaluate --judge.command: the judge's grades are used and counted, and a rerun takes them from the cache") {
  Fixture f("cache");
  for (int ranks : {1, 2}) {
    INFO(ranks << " ranks");
    const std::string out = f.dir + "/out" + std::to_string(ranks);
    fs::remove(f.calls);
    auto r = f.run(ranks, out, "--judge.command " + f.judge());
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    const auto graded = read_lines(out + "/graded.jsonl");
    REQUIRE(graded.size() == 6);
    CHECK(column(graded, "grade") == std::map<std::string, std::string>{{"q1", "CORRECT"}, {"q2", "INCORRECT"},
                                                                        {"q3", "CORRECT"}, {"q4", "NOT_ATTEMPTED"},
                                                                        {"q5", "NOT_ATTEMPTED"}, {"q6", "NOT_ATTEMPTED"}});
    CHECK(column(graded, "graded_by") == std::map<std::string, std::string>{{"q1", "judge"}, {"q2", "judge"},
                                                                            {"q3", "judge"}, {"q4", "judge"},
                                                                            {"q5", "rules"}, {"q6", "rules"}});
    CHECK(count_lines(f.calls) == 4);
    json judge = read_json(out + "/judge.json");
    CHECK(judge["graded_by"] == json{{"judge", 4}, {"judge_cache", 0}, {"rules_fallback", 0}, {"rules", 2}});
    CHECK(judge["judge_runs"] == 4);
    CHECK(judge["judge_failed_runs"] == 0);
    CHECK(read_json(out + "/report.json")["correct"] == 2);
    CHECK_THAT(r.output, Catch::Contains("graded by the judge 4, from its cache 0"));
    CHECK(count_lines(out + "/judge_cache.jsonl") == 4);
    CHECK_FALSE(fs::exists(out + "/judge_cache.rank-0.jsonl"));

    // The rerun, on the other number of ranks: every grade from the cache, no judge run.
    auto again = f.run(3 - ranks, out, "--judge.command " + f.judge());
    INFO(again.output);
    REQUIRE(again.exit_code == 0);
    CHECK(count_lines(f.calls) == 4);
    CHECK(read_json(out + "/judge.json")["graded_by"] ==
          json{{"judge", 0}, {"judge_cache", 4}, {"rules_fallback", 0}, {"rules", 2}});
    CHECK(column(read_lines(out + "/graded.jsonl"), "grade") == column(graded, "grade"));
    CHECK_THAT(read_text(out + "/report.md"), Catch::Contains("Grades: by the judge 0 items, from the judge's cache 4, "
                                                              "by the rules (gold answer"));
    CHECK_THAT(read_text(out + "/report.md"), Catch::Contains(" 2 without an answer and 0 the judge failed on"));

    // Another judge behind the same command (--judge.id): nothing from the first one's cache.
    auto other = f.run(ranks, out, "--judge.command " + f.judge() + " --judge.id other-model");
    INFO(other.output);
    REQUIRE(other.exit_code == 0);
    CHECK(count_lines(f.calls) == 8);
    CHECK(read_json(out + "/judge.json")["graded_by"] ==
          json{{"judge", 4}, {"judge_cache", 0}, {"rules_fallback", 0}, {"rules", 2}});
    CHECK(read_json(out + "/judge.json")["id"] == "other-model");
  }
}

TEST_CASE("evaluate --judge.command: a judge past its timeout is killed and the rules grade") {
  Fixture f("timeout");
  const std::string out = f.dir + "/out";
  auto r = f.run(1, out, "--judge.timeout 0.5 --judge.retries 1 --judge.command 'echo run >> " + f.calls + "; sleep 60'");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(count_lines(f.calls) == 8);  // four items, two runs each
  json judge = read_json(out + "/judge.json");
  CHECK(judge["graded_by"] == json{{"judge", 0}, {"judge_cache", 0}, {"rules_fallback", 4}, {"rules", 2}});
  CHECK(judge["judge_failed_runs"] == 8);
  CHECK_THAT(r.output, Catch::Contains("timed out after 0.5 s"));
  const auto graded = read_lines(out + "/graded.jsonl");
  CHECK(column(graded, "graded_by")["q2"] == "rules_fallback");
  CHECK(column(graded, "grade")["q2"] == "CORRECT");  // the rules' grade of "It was John Coltrane."
  CHECK(count_lines(out + "/judge_cache.jsonl") == 0);
}

TEST_CASE("evaluate --judge.retries: a run that fails is retried") {
  Fixture f("retries");
  const std::string flaky = "'python3 " + f.script + " " + f.calls + " " + f.dir + "/flag'";
  SECTION("one retry") {
    auto r = f.run(1, f.dir + "/out", "--judge.retries 1 --judge.command " + flaky);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(count_lines(f.calls) == 5);
    json judge = read_json(f.dir + "/out/judge.json");
    CHECK(judge["graded_by"] == json{{"judge", 4}, {"judge_cache", 0}, {"rules_fallback", 0}, {"rules", 2}});
    CHECK(judge["judge_runs"] == 5);
    CHECK(judge["judge_failed_runs"] == 1);
  }
  SECTION("no retry") {
    auto r = f.run(1, f.dir + "/out", "--judge.retries 0 --judge.command " + flaky);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(count_lines(f.calls) == 4);
    CHECK(read_json(f.dir + "/out/judge.json")["graded_by"] ==
          json{{"judge", 3}, {"judge_cache", 0}, {"rules_fallback", 1}, {"rules", 2}});
    CHECK_THAT(r.output, Catch::Contains("exit code 1; stderr: endpoint busy"));
  }
  SECTION("bad judge options are refused by name") {
    auto r = f.run(1, f.dir + "/out", "--judge.timeout 0 --judge.command " + f.judge());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("judge.timeout"));
  }
}

TEST_CASE("evaluate accounts for every prediction line in predictions_accounting.json") {
  Fixture f("accounting");
  SECTION("blank lines, empty and 1 MB answers: used and graded") {
    std::string big = "Miles Davis";
    while (big.size() < (1u << 20)) big += " and more words about a record";
    write_lines(f.predictions, {json{{"id", "q1"}, {"predicted", big}}.dump(), "",
                                json{{"id", "q2"}, {"predicted", std::string(1 << 20, 'z')}}.dump(), "  ",
                                json{{"id", "q3"}, {"predicted", ""}}.dump(),
                                json{{"id", "q4"}, {"predicted", nullptr}}.dump()});
    auto r = f.run(2, f.dir + "/out", "--limit 3");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK(column(read_lines(f.dir + "/out/graded.jsonl"), "grade") ==
          std::map<std::string, std::string>{{"q1", "CORRECT"}, {"q2", "INCORRECT"}, {"q3", "NOT_ATTEMPTED"}});
    json a = read_json(f.dir + "/out/predictions_accounting.json");
    CHECK(a["lines"] == 6);
    CHECK(a["blank"] == 2);
    CHECK(a["used"] == 4);
    CHECK(a["graded"] == 3);
    CHECK(a["outside_selection"] == 1);
    CHECK(a["empty_answers"] == 2);
    CHECK(a["refused"] == 0);
    CHECK_THAT(r.output, Catch::Contains("prediction lines: 6 read, 4 used (3 graded, 1 outside the selection), 2 blank"));
  }
  SECTION("unusable lines stop the run; each is named by file and line and counted by reason") {
    write_lines(f.predictions, {json{{"id", "q1"}, {"predicted", "Miles Davis"}}.dump(),
                                json{{"id", "q1"}, {"predicted", "Davis"}}.dump(),
                                json{{"id", "q404"}, {"predicted", "x"}}.dump(), "{\"id\": \"q2\", \"predicted\": \"caf\xe9\"}",
                                "{\"id\": \"q3\"", "", json{{"id", "q4"}, {"predicted", "pass"}}.dump()});
    auto r = f.run(2, f.dir + "/out", "");
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(f.predictions + ": 4 of 7 lines cannot be used (all are listed in " + f.dir +
                                         "/out/predictions_accounting.json)"));
    CHECK_THAT(r.output, Catch::Contains(f.predictions + ":2: a second prediction for item 'q1' (the first is on line 1)"));
    CHECK_THAT(r.output, Catch::Contains(f.predictions + ":3: id 'q404' is not in the benchmark"));
    CHECK_THAT(r.output, Catch::Contains(f.predictions + ":4: not valid UTF-8"));
    CHECK_THAT(r.output, Catch::Contains(f.predictions + ":5: not valid JSON"));
    json a = read_json(f.dir + "/out/predictions_accounting.json");
    CHECK(a["lines"] == 7);
    CHECK(a["blank"] == 1);
    CHECK(a["used"] == 2);
    CHECK(a["refused"] == 4);
    CHECK(a["refused_by_reason"] ==
          json{{"second_prediction", 1}, {"not_in_benchmark", 1}, {"not_utf8", 1}, {"not_json", 1}});
    CHECK(a["refused_lines"].size() == 4);
    CHECK_FALSE(fs::exists(f.dir + "/out/graded.jsonl"));
  }
}
