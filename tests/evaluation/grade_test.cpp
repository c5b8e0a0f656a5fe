// evaluate grade: the real graded dev answers end to end (every row graded, the
// agreement printed and written equal to the agreement module's figure), rows looked
// up in a benchmark by id, and bad rows named by file and line.
#include "tests/catch.h"
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "evaluation/grading/agreement.h"
#include "evaluation/grading/answer_grader.h"
#include "tests/test_support.h"

using namespace mucpt;
using nlohmann::json;

namespace {

std::vector<json> read_jsonl(const std::string& path) {
  std::vector<json> rows;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) rows.push_back(json::parse(line));
  return rows;
}

void write_file(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::string grade_command(const std::string& predictions, const std::string& output, const std::string& benchmark = "") {
  return testing::build_dir() + "/evaluate grade --predictions '" + predictions + "' --output '" + output + "'" +
         (benchmark.empty() ? "" : " --benchmark '" + benchmark + "'");
}

}  // namespace

TEST_CASE("evaluate grade grades the real dev answers and prints the module's agreement") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string input = data + "/qa/graded_answers_dev.jsonl", dir = testing::scratch_dir("grade_dev");
  const std::string output = dir + "/graded.jsonl";
  auto r = testing::run_command(grade_command(input, output));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("3985 rows read, 3985 graded, 0 refused"));

  // The same figures by the library, row by row.
  const std::vector<json> in = read_jsonl(input), out = read_jsonl(output);
  REQUIRE(out.size() == in.size());
  Agreement expected;
  for (size_t k = 0; k < in.size(); ++k) {
    const GradeDecision d = grade_answer(in[k]["predicted"].get<std::string>(), {in[k]["gold"].get<std::string>()});
    Grade judge;
    REQUIRE(parse_grade(in[k]["grade"].get<std::string>(), judge));
    expected.add(judge, d.grade);
    json row = out[k];
    CHECK(row["auto_grade"] == grade_name(d.grade));
    CHECK(row["rule"] == d.rule);
    row.erase("auto_grade");
    row.erase("rule");
    CHECK(row == in[k]);  // the input row, unchanged
  }
  std::ostringstream printed;
  printed << "agreement with the judge's grades on 3985 rows: " << expected.overall() << ", Cohen's kappa "
          << expected.kappa();
  CHECK_THAT(r.output, Catch::Contains(printed.str()));
  CHECK_THAT(r.output, Catch::Contains(expected.confusion_table()));
  const json report = json::parse(std::ifstream(output + ".agreement.json"));
  CHECK(report["pairs"] == 3985);
  CHECK(report["agreement"].get<double>() == Approx(expected.overall()));
  CHECK(report["kappa"].get<double>() == Approx(expected.kappa()));
  CHECK(report["confusion"]["CORRECT"]["INCORRECT"] == expected.count(Grade::correct, Grade::incorrect));
}

TEST_CASE("evaluate grade looks ids up in the SimpleQA CSV") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string dir = testing::scratch_dir("grade_csv");
  // Row 1 of the CSV: the question about the IEEE Frank Rosenblatt Award 2010.
  write_file(dir + "/answers.jsonl",
             "{\"id\": \"simpleqa-1\", \"predicted\": \"It went to Michio Sugeno.\"}\n"
             "{\"id\": \"simpleqa-1\", \"predicted\": \"Again.\"}\n"
             "{\"id\": \"simpleqa-2\", \"predicted\": \"I don't know.\"}\n");
  auto r = testing::run_command(grade_command(dir + "/answers.jsonl", dir + "/graded.jsonl",
                                              data + "/qa/simple_qa_test_set.csv"));
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains(dir + "/answers.jsonl:2: id 'simpleqa-1' again (first on line 1)"));
  CHECK_THAT(r.output, Catch::Contains("3 rows read, 2 graded, 1 refused"));
  const auto out = read_jsonl(dir + "/graded.jsonl");
  REQUIRE(out.size() == 2);
  CHECK(out[0]["auto_grade"] == "CORRECT");
  CHECK(out[1]["auto_grade"] == "NOT_ATTEMPTED");
  CHECK(out[1]["rule"] == "not_attempted_phrase");
  CHECK_FALSE(std::filesystem::exists(dir + "/graded.jsonl.agreement.json"));  // no judge grades given
}

TEST_CASE("evaluate grade names each bad row by file and line and grades the others") {
  const std::string dir = testing::scratch_dir("grade_bad");
  write_file(dir + "/bench.jsonl",
             "{\"id\": \"q1\", \"question\": \"Capital of France?\", \"answer\": \"Paris\"}\n"
             "{\"id\": 7, \"question\": \"Who wrote Hamlet?\", \"answer\": \"William Shakespeare\", "
             "\"aliases\": [\"The Bard\"]}\n");
  const std::string long_answer = "The answer is Paris. " + std::string(1 << 20, 'x') + " end.";
  const std::string rows =
      "{\"id\": \"q1\", \"predicted\": \"Paris\", \"grade\": \"CORRECT\"}\n"                     // 1 graded
      "{\"id\": 7, \"predicted\": \"the Bard\", \"grade\": \"CORRECT\"}\n"                       // 2 graded (alias)
      "{\"id\": \"q9\", \"predicted\": \"Rome\"}\n"                                              // 3 unknown id
      "{\"id\": \"q1\", \"predicted\": \"Paris\"}\n"                                             // 4 duplicate id
      "{\"question\": \"q\", \"gold\": \"Paris\", \"predicted\": \"\", \"grade\": \"INCORRECT\"}\n"  // 5 empty answer
      "{\"question\": \"q\", \"gold\": \"Paris\"\n"                                              // 6 invalid JSON
      "\n"                                                                                       // 7 blank: no row
      "{\"question\": \"q\", \"gold\": \"Paris\"}\n"                                             // 8 no predicted
      "{\"gold\": \"Paris\", \"predicted\": \"caf\xe9\"}\n"                                      // 9 not UTF-8
      "{\"gold\": \"Paris\", \"predicted\": \"" + long_answer + "\"}\n"                          // 10 a 1 MB answer
      "{\"gold\": \"Paris\", \"predicted\": \"Lyon\", \"grade\": \"MAYBE\"}\n"                   // 11 bad judge grade
      "[1, 2]\n"                                                                                 // 12 not an object
      "{\"gold\": \"Paris\", \"predicted\": \"Paris\", \"x\": 1e999}\n";                           // 13 past a double
  write_file(dir + "/answers.jsonl", rows);
  const std::string input = dir + "/answers.jsonl", output = dir + "/graded.jsonl";
  auto r = testing::run_command(grade_command(input, output, dir + "/bench.jsonl"));
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains(input + ":3: id 'q9' is not in " + dir + "/bench.jsonl"));
  CHECK_THAT(r.output, Catch::Contains(input + ":4: id 'q1' again (first on line 1)"));
  CHECK_THAT(r.output, Catch::Contains(input + ":6: invalid JSON"));
  CHECK_THAT(r.output, Catch::Contains(input + ":8: no \"predicted\""));
  CHECK_THAT(r.output, Catch::Contains(input + ":9: not valid UTF-8"));
  CHECK_THAT(r.output, Catch::Contains(input + ":11: \"grade\" \"MAYBE\" is not CORRECT, INCORRECT or NOT_ATTEMPTED"));
  CHECK_THAT(r.output, Catch::Contains(input + ":12: not a JSON object"));
  CHECK_THAT(r.output, Catch::Contains(input + ":13: invalid JSON: a number past the range of a double"));
  CHECK_THAT(r.output, Catch::Contains("12 rows read, 4 graded, 8 refused"));
  CHECK_THAT(r.output, Catch::Contains("agreement with the judge's grades on 3 rows"));

  const auto out = read_jsonl(output);
  REQUIRE(out.size() == 4);
  CHECK(out[0]["auto_grade"] == "CORRECT");
  CHECK(out[1]["auto_grade"] == "CORRECT");
  CHECK(out[1]["id"] == 7);
  CHECK(out[2]["auto_grade"] == "NOT_ATTEMPTED");
  CHECK(out[2]["rule"] == "empty_answer");
  CHECK(out[3]["auto_grade"] == "CORRECT");
  CHECK(out[3]["predicted"].get<std::string>().size() == long_answer.size());
  const json report = json::parse(std::ifstream(output + ".agreement.json"));
  CHECK(report["pairs"] == 3);
  CHECK(report["confusion"]["INCORRECT"]["NOT_ATTEMPTED"] == 1);
  CHECK(report["agreement"].get<double>() == Approx(2.0 / 3));

  // Without a benchmark, a row with only an id cannot be graded; a missing option is named.
  write_file(dir + "/ids.jsonl", "{\"id\": \"q1\", \"predicted\": \"Paris\"}\n");
  auto no_bench = testing::run_command(grade_command(dir + "/ids.jsonl", output));
  CHECK(no_bench.exit_code == 2);
  CHECK_THAT(no_bench.output, Catch::Contains(dir + "/ids.jsonl:1: no \"gold\" (give --benchmark to look up id 'q1')"));
  auto no_output = testing::run_command(testing::build_dir() + "/evaluate grade --predictions " + input);
  CHECK(no_output.exit_code == 2);
  CHECK_THAT(no_output.output, Catch::Contains("grade needs --predictions FILE and --output FILE"));
}
