// The predictions reader on hand-made files: every line is blank, used or refused with
// its file, line and reason; empty answers are used (and counted), 1 MB answers whole.
#include "tests/catch.h"

#include <fstream>

#include "evaluation/predictions.h"
#include "tests/test_support.h"

using namespace mucpt;
using nlohmann::json;

namespace {

const std::vector<BenchmarkItem> kBenchmark = {
    {"q1", "Who recorded Kind of Blue?", "Miles Davis", {}, "Music", ""},
    {"q2", "Which band recorded Abbey Road?", "The Beatles", {"Beatles"}, "Music", ""},
    {"7", "In which year was Kind of Blue released?", "1959", {}, "Music", ""},
    {"d1", "Same question?", "x", {}, "", ""},
    {"d2", "Same question?", "y", {}, "", ""}};

std::string write_file(const std::string& name, const std::vector<std::string>& lines) {
  const std::string path = testing::scratch_dir("predictions_" + name) + "/p.jsonl";
  std::ofstream out(path, std::ios::binary);
  for (const auto& l : lines) out << l << "\n";
  return path;
}

std::string line(const std::string& id, const json& predicted) { return json{{"id", id}, {"predicted", predicted}}.dump(); }

}  // namespace

TEST_CASE("predictions: good lines, blank lines and empty answers are all accounted for") {
  const std::string path = write_file("good", {line("q1", "Miles Davis"), "", "   \t", line("q2", ""),
                                               json{{"id", 7}, {"predicted", nullptr}}.dump(), line("d1", "  ")});
  Predictions p(path, kBenchmark);
  CHECK(p.rows() == 4);
  CHECK(p.refused() == 0);
  REQUIRE(p.find("q1"));
  CHECK(*p.find("q1") == "Miles Davis");
  REQUIRE(p.find("7"));  // an integer id, and a null answer: no answer
  CHECK(p.find("7")->empty());
  CHECK(p.find("d2") == nullptr);
  const json a = p.accounting();
  CHECK(a["file"] == path);
  CHECK(a["lines"] == 6);
  CHECK(a["blank"] == 2);
  CHECK(a["used"] == 4);
  CHECK(a["empty_answers"] == 3);
  CHECK(a["refused"] == 0);
  CHECK(a["refused_lines"].empty());
}

TEST_CASE("predictions: a 1 MB answer is kept whole") {
  std::string big = "Miles Davis";
  while (big.size() < (1u << 20)) big += " and then some more words about modal jazz";
  const std::string path = write_file("big", {line("q2", "Beatles"), line("q1", big)});
  Predictions p(path, kBenchmark);
  REQUIRE(p.find("q1"));
  CHECK(*p.find("q1") == big);
  CHECK(p.accounting()["used"] == 2);
}

TEST_CASE("predictions: each unusable line is refused with its file, line and reason, and reading goes on") {
  const std::string path = write_file(
      "bad", {
                 line("q1", "Miles Davis"),                                  // 1 used
                 line("q1", "Davis"),                                        // 2 second prediction by id
                 json{{"question", kBenchmark[0].question}, {"predicted", "B"}}.dump(),  // 3 second, by question
                 line("q404", "A"),                                          // 4 not in the benchmark
                 json{{"question", "Same question?"}, {"predicted", "x"}}.dump(),  // 5 asked by two items
                 "{\"id\": \"q2\", \"predicted\": \"caf\xe9\"}",             // 6 Latin-1
                 "{\"id\": \"q2\", \"predicted\": ",                         // 7 cut short
                 "[\"q2\", \"Beatles\"]",                                    // 8 an array
                 json{{"id", "q2"}, {"answer", "Beatles"}}.dump(),           // 9 no "predicted"
                 json{{"id", "q2"}, {"predicted", 3}}.dump(),                // 10 not a string
                 json{{"predicted", "Beatles"}}.dump(),                      // 11 no id, no question
                 "",                                                         // 12 blank
                 line("q2", "Beatles"),                                      // 13 used
                 "{\"id\": \"q3\", \"predicted\": 1e999}",                   // 14 a number past a double
             });
  Predictions p(path, kBenchmark);
  CHECK(p.rows() == 2);
  CHECK(p.refused() == 11);
  const json a = p.accounting();
  CHECK(a["lines"] == 14);
  CHECK(a["blank"] == 1);
  CHECK(a["used"] == 2);
  CHECK(a["refused"] == 11);
  CHECK(a["refused_by_reason"] == json{{"second_prediction", 2}, {"not_in_benchmark", 1}, {"ambiguous_question", 1},
                                       {"not_utf8", 1}, {"not_json", 2}, {"not_an_object", 1}, {"no_predicted", 2},
                                       {"no_id_or_question", 1}});
  std::vector<std::string> messages;
  for (const auto& r : p.first_refused()) messages.push_back(r.message);
  REQUIRE(messages.size() == 11);
  CHECK(messages[0] == path + ":2: a second prediction for item 'q1' (the first is on line 1)");
  CHECK(messages[1] == path + ":3: a second prediction for item 'q1' (the first is on line 1)");
  CHECK(messages[2] == path + ":4: id 'q404' is not in the benchmark");
  CHECK(messages[3] == path + ":5: the question is asked by 2 benchmark items; give the item's \"id\"");
  CHECK(messages[4] == path + ":6: not valid UTF-8");
  CHECK_THAT(messages[5], Catch::StartsWith(path + ":7: not valid JSON (at byte "));
  CHECK(messages[6] == path + ":8: not a JSON object");
  CHECK(messages[7] == path + ":9: needs \"predicted\": a string (or null for no answer)");
  CHECK(messages[8] == path + ":10: needs \"predicted\": a string (or null for no answer)");
  CHECK(messages[9] == path + ":11: needs an \"id\" or a \"question\"");
  CHECK(messages[10] == path + ":14: not valid JSON (a number past the range of a double)");
  CHECK(a["refused_lines"][4] == json{{"line", 6}, {"reason", "not_utf8"}, {"message", messages[4]}});
  // The first answer for an item stands; the second is the refused one.
  CHECK(*p.find("q1") == "Miles Davis");
}
