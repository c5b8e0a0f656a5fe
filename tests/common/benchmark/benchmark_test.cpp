#include "tests/catch.h"
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "common/line_writer.h"
#include "common/benchmark/benchmark.h"
#include "tests/test_support.h"

using namespace mucpt;

namespace {
std::string write_file(const std::string& dir, const std::string& name, const std::string& content) {
  std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

void write_lines(const std::string& path, const std::vector<std::string>& lines) {
  LineWriter w(path);
  for (const auto& l : lines) w.write_line(l);
  w.commit();
}
}  // namespace

// ---- the real SimpleQA test set ----

TEST_CASE("simpleqa: the published test set loads whole") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  auto items = load_simpleqa_csv(data + "/qa/simple_qa_test_set.csv");
  REQUIRE(items.size() == 4326);

  // The first data row of the file.
  CHECK(items[0].id == "simpleqa-1");
  CHECK(items[0].question == "Who received the IEEE Frank Rosenblatt Award in 2010?");
  CHECK(items[0].answer == "Michio Sugeno");
  CHECK(items[0].topic == "Science and technology");
  CHECK(items[0].answer_type == "Person");
  CHECK(items.back().id == "simpleqa-4326");
  CHECK(items.back().answer == "A piano");

  // Row 19's metadata has a double-quoted URL holding an apostrophe.
  CHECK(items[18].question == "What is the British-American kickboxer Andrew Tate's kickboxing name?");
  CHECK(items[18].topic == "Sports");
  CHECK(items[18].answer_type == "Other");
  // Row 1363's answer ends in a newline in the file; it is trimmed.
  CHECK(items[1362].answer == "LET function");

  const std::set<std::string> answer_types = {"Date", "Number", "Other", "Person", "Place"};
  std::set<std::string> topics, ids;
  size_t music = 0;
  for (const auto& item : items) {
    CHECK_FALSE(item.question.empty());
    CHECK_FALSE(item.answer.empty());
    CHECK(answer_types.count(item.answer_type) == 1);
    topics.insert(item.topic);
    ids.insert(item.id);
    music += item.topic == "Music";
  }
  CHECK(music == 341);
  CHECK(topics.size() == 10);
  CHECK(ids.size() == items.size());
}

TEST_CASE("simpleqa: the topic filter keeps the 341 Music questions, ignoring case") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string path = data + "/qa/simple_qa_test_set.csv";
  auto music = load_simpleqa_csv(path, "Music");
  REQUIRE(music.size() == 341);
  for (const auto& item : music) CHECK(item.topic == "Music");
  // Ids keep the row number in the whole file: the first Music row is row 25.
  CHECK(music[0].id == "simpleqa-25");
  CHECK(music[0].answer == "Violin");
  CHECK(load_simpleqa_csv(path, "music").size() == 341);
  CHECK(load_benchmark(path, "MUSIC").size() == 341);
  CHECK(load_simpleqa_csv(path, "Jazz").empty());
}

// ---- SimpleQA-format CSV edge cases ----

TEST_CASE("simpleqa csv: quoting, embedded newlines and CRLF") {
  auto dir = testing::scratch_dir("simpleqa_quoting");
  auto path = write_file(dir, "q.csv",
                         "metadata,question,true_answer\r\n"
                         "\"{'topic': 'Music', 'answer_type': 'Person', 'urls': [\"\"https://x.org/Who's\"\"]}\","
                         "\"Who wrote \"\"Yesterday\"\", by the way?\",Paul McCartney\r\n"
                         "\"{'topic': 'Art', 'answer_type': 'Other', 'urls': []}\",\"Two\r\nlines?\",\"a, b\n\"\r\n");
  auto items = load_simpleqa_csv(path);
  REQUIRE(items.size() == 2);
  CHECK(items[0].id == "simpleqa-1");
  CHECK(items[0].question == "Who wrote \"Yesterday\", by the way?");
  CHECK(items[0].answer == "Paul McCartney");
  CHECK(items[0].topic == "Music");
  CHECK(items[0].answer_type == "Person");
  CHECK(items[1].id == "simpleqa-2");
  CHECK(items[1].question == "Two\nlines?");
  CHECK(items[1].answer == "a, b");
  CHECK(items[1].topic == "Art");
}

TEST_CASE("simpleqa csv: the metadata,problem,answer header and other column orders") {
  auto dir = testing::scratch_dir("simpleqa_headers");
  auto a = write_file(dir, "a.csv",
                      "metadata,problem,answer\n"
                      "\"{'topic': 'Music', 'answer_type': 'Date'}\",When?,1969\n");
  auto items = load_benchmark(a);
  REQUIRE(items.size() == 1);
  CHECK(items[0].question == "When?");
  CHECK(items[0].answer == "1969");
  CHECK(items[0].answer_type == "Date");

  auto b = write_file(dir, "b.csv", "problem,answer,metadata\nWho?,Nina Simone,\"{'topic': 'Music'}\"\n");
  items = load_simpleqa_csv(b);
  REQUIRE(items.size() == 1);
  CHECK(items[0].answer == "Nina Simone");
  CHECK(items[0].topic == "Music");
  CHECK(items[0].answer_type.empty());
}

TEST_CASE("simpleqa csv: errors name the file, the line and the column") {
  auto dir = testing::scratch_dir("simpleqa_errors");
  const std::string header = "metadata,question,true_answer\n";
  const std::string row = "\"{'topic': 'Music'}\",Q?,A\n";

  auto missing = write_file(dir, "missing.csv", header + row + row + "\"{'topic': 'Music'}\",Q only\n");
  CHECK_THROWS_WITH(load_simpleqa_csv(missing),
                    Catch::Contains("missing.csv:4:") && Catch::Contains("'true_answer' is missing"));

  auto extra = write_file(dir, "extra.csv", header + "\"{'topic': 'Music'}\",Q?,A,B\n");
  CHECK_THROWS_WITH(load_simpleqa_csv(extra), Catch::Contains("extra.csv:2:") && Catch::Contains("4 columns"));

  auto no_answer = write_file(dir, "no_answer.csv", "metadata,question\n" + row);
  CHECK_THROWS_WITH(load_simpleqa_csv(no_answer),
                    Catch::Contains("no_answer.csv:1:") && Catch::Contains("'true_answer' or 'answer'"));

  auto bad_meta = write_file(dir, "bad_meta.csv", header + row + "\"{'topic': Music}\",Q?,A\n");
  CHECK_THROWS_WITH(load_simpleqa_csv(bad_meta), Catch::Contains("bad_meta.csv:3:") && Catch::Contains("'metadata'"));

  auto empty_answer = write_file(dir, "empty_answer.csv", header + "\"{'topic': 'Music'}\",Q?,\" \"\n");
  CHECK_THROWS_WITH(load_simpleqa_csv(empty_answer),
                    Catch::Contains("empty_answer.csv:2:") && Catch::Contains("'true_answer' is empty"));

  // The error points at the line where the unclosed record began.
  auto unclosed = write_file(dir, "unclosed.csv", header + row + "\"{'topic': 'Music'}\",\"Q?\nmore,A\n");
  CHECK_THROWS_AS(load_simpleqa_csv(unclosed), BenchmarkError);
  CHECK_THROWS_WITH(load_simpleqa_csv(unclosed), Catch::Contains("unclosed.csv:3:"));

  CHECK_THROWS_WITH(load_simpleqa_csv(write_file(dir, "empty.csv", "")), Catch::Contains("empty.csv:1:"));
}

// ---- JSONL ----

TEST_CASE("jsonl: items round-trip through plain, gzip and zstd files") {
  auto dir = testing::scratch_dir("benchmark_jsonl_roundtrip");
  const std::vector<BenchmarkItem> expected = {
      {"q1", "Who composed \"The Rite of Spring\"?", "Igor Stravinsky", {"Stravinsky", "I. Stravinsky"}, "Music", "Person"},
      {"q2", "In which year was Kind of Blue released?", "1959", {}, "Music", "Date"},
      {"q3", "Which city hosts La Scala?", "Milan", {"Milano"}, "Geography", "Place"},
  };
  for (const char* ext : {".jsonl", ".jsonl.gz", ".jsonl.zst"}) {
    std::string path = dir + "/bench" + ext;
    std::vector<std::string> lines;
    for (const auto& it : expected)
      lines.push_back(nlohmann::json{{"id", it.id}, {"question", it.question}, {"answer", it.answer},
                                     {"aliases", it.aliases}, {"topic", it.topic}, {"answer_type", it.answer_type}}
                          .dump());
    write_lines(path, lines);
    auto items = load_benchmark(path);
    REQUIRE(items.size() == expected.size());
    for (size_t i = 0; i < items.size(); ++i) {
      CHECK(items[i].id == expected[i].id);
      CHECK(items[i].question == expected[i].question);
      CHECK(items[i].answer == expected[i].answer);
      CHECK(items[i].aliases == expected[i].aliases);
      CHECK(items[i].topic == expected[i].topic);
      CHECK(items[i].answer_type == expected[i].answer_type);
    }
    CHECK(load_benchmark(path, "music").size() == 2);
  }
}

TEST_CASE("jsonl: optional keys may be absent or null, ids default to <stem>-<line>") {
  auto dir = testing::scratch_dir("benchmark_jsonl_optional");
  auto path = dir + "/music_qa.jsonl.zst";
  write_lines(path, {
                        R"({"question": "Q one?", "answer": "A one"})",
                        "",
                        R"({"id": 7, "question": " Q two? ", "answer": "A two\n", "aliases": null, "topic": null, "extra": [1]})",
                        R"({"question": "Q three?", "answer": "A three", "aliases": ["x", " "]})",
                    });
  auto items = load_benchmark_jsonl(path);
  REQUIRE(items.size() == 3);
  CHECK(items[0].id == "music_qa-1");
  CHECK(items[0].aliases.empty());
  CHECK(items[0].topic.empty());
  CHECK(items[0].answer_type.empty());
  CHECK(items[1].id == "7");
  CHECK(items[1].question == "Q two?");
  CHECK(items[1].answer == "A two");
  CHECK(items[2].id == "music_qa-4");                            // blank line 2 still counts
  CHECK(items[2].aliases == std::vector<std::string>{"x"});      // blank aliases are dropped
  CHECK(load_benchmark_jsonl(path, "Music").empty());
}

TEST_CASE("jsonl: a bad line names the file, the line and the key") {
  auto dir = testing::scratch_dir("benchmark_jsonl_errors");
  const std::string good = R"({"id": "g", "question": "Q?", "answer": "A"})";
  auto check = [&](const std::string& name, const std::string& bad, const std::string& key) {
    auto path = write_file(dir, name, good + "\n" + R"({"question": "Q2?", "answer": "B"})" + "\n" + bad + "\n");
    CHECK_THROWS_AS(load_benchmark_jsonl(path), BenchmarkError);
    CHECK_THROWS_WITH(load_benchmark_jsonl(path), Catch::Contains(name + ":3:") && Catch::Contains(key));
  };
  check("no_question.jsonl", R"({"id": "b", "answer": "A"})", "'question'");
  check("answer_number.jsonl", R"({"id": "b", "question": "Q?", "answer": 1959})", "'answer'");
  check("empty_answer.jsonl", R"({"id": "b", "question": "Q?", "answer": "  "})", "'answer'");
  check("aliases_string.jsonl", R"({"id": "b", "question": "Q?", "answer": "A", "aliases": "x"})", "'aliases'");
  check("alias_number.jsonl", R"({"id": "b", "question": "Q?", "answer": "A", "aliases": ["x", 2]})", "'aliases'");
  check("topic_list.jsonl", R"({"id": "b", "question": "Q?", "answer": "A", "topic": ["Music"]})", "'topic'");
  check("id_float.jsonl", R"({"id": 1.5, "question": "Q?", "answer": "A"})", "'id'");
  const std::string deep(200000, '[');  // named by its type, not printed (which would recurse as deep)
  check("id_deep.jsonl", R"({"id": )" + deep + std::string(deep.size(), ']') + R"(, "question": "Q?", "answer": "A"})",
        "found array");
  check("duplicate.jsonl", R"({"id": "g", "question": "Q?", "answer": "A"})", "'id'");
  check("not_json.jsonl", R"({"id": "b", "question": "Q?")", "not valid JSON");
  check("number_overflow.jsonl", R"({"id": "b", "question": "Q?", "answer": "A", "year": 1e999})", "not valid JSON");
  check("not_object.jsonl", R"(["Q?", "A"])", "JSON object");
}

TEST_CASE("load_benchmark: unknown extensions and missing files are errors") {
  auto dir = testing::scratch_dir("benchmark_dispatch");
  CHECK_THROWS_WITH(load_benchmark(write_file(dir, "b.tsv", "x\ty\n")), Catch::Contains("b.tsv"));
  CHECK_THROWS_WITH(load_benchmark(dir + "/absent.jsonl"), Catch::Contains("absent.jsonl"));
}
