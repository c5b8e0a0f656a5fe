// Decontamination: every benchmark question planted in the generated world is removed,
// and nothing else is.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/line_reader.h"
#include "curation/decontam/decontaminator.h"
#include "tests/test_support.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string folded_words(const std::string& text) {
  std::string out = " ";
  for (unsigned char c : text) {
    if (std::isalnum(c)) out += static_cast<char>(std::isdigit(c) ? '0' : std::tolower(c));
    else if (out.back() != ' ') out += ' ';
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

// The test's own check: the document holds 13 consecutive words of a question (or all
// of a shorter one) and the answer.
bool holds_question_and_answer(const std::string& doc, const json& item) {
  std::string d = folded_words(doc), q = folded_words(item["question"]);
  std::vector<std::string> words;
  std::istringstream ss(q);
  for (std::string w; ss >> w;) words.push_back(w);
  size_t n = std::min<size_t>(13, words.size());
  bool question = false;
  for (size_t i = 0; i + n <= words.size() && !question; ++i) {
    std::string gram = " ";
    for (size_t k = i; k < i + n; ++k) gram += words[k] + " ";
    question = d.find(gram) != std::string::npos;
  }
  return question && d.find(folded_words(item["answer"])) != std::string::npos;
}

}  // namespace

TEST_CASE("every planted benchmark question of the generated world is removed, and only true contamination") {
  std::string world = testing::scratch_dir("decontam_world");
  REQUIRE(testing::run_command(testing::build_dir() + "/synth --docs 1500 --seed 8 --output " + world).exit_code == 0);
  auto r = testing::run_command("mpirun --allow-run-as-root --oversubscribe -np 2 " + testing::build_dir() +
                                "/curate --manifest " + world + "/manifest.json --output " + world +
                                "/out --curate.progress=false --decontam.benchmarks " + world + "/benchmark/music_qa.jsonl");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::set<std::string> planted, removed;
  std::vector<json> items;
  {
    std::ifstream bench(world + "/benchmark/music_qa.jsonl");
    for (std::string l; std::getline(bench, l);) items.push_back(json::parse(l));
  }
  std::ifstream truth(world + "/truth/planted_questions.jsonl");
  std::string line;
  while (std::getline(truth, line)) planted.insert(json::parse(line)["doc_id"].get<std::string>());
  for (const auto& entry : fs::directory_iterator(world + "/out/rejects/decontam")) {
    LineReader reader(entry.path().string());
    std::string_view l;
    while (reader.next(l)) {
      json doc = json::parse(l);
      CHECK(doc["reason"] == "benchmark_contamination");
      removed.insert(doc["id"].get<std::string>());
      bool contaminated = std::any_of(items.begin(), items.end(),
                                      [&](const json& item) { return holds_question_and_answer(doc["text"], item); });
      INFO(doc["id"]);
      CHECK(contaminated);
    }
  }
  REQUIRE(planted.size() >= 5);
  for (const auto& id : planted) CHECK(removed.count(id));
  WARN("decontamination removed " << removed.size() << " documents: the " << planted.size()
                                  << " planted ones and " << removed.size() - planted.size()
                                  << " that state a question's fact with its answer in 13 words");
  json report = json::parse(std::ifstream(world + "/out/report.json"));
  CHECK(report["stages"]["decontam"]["rejected"]["benchmark_contamination"] == removed.size());
}

TEST_CASE("a question needs its answer nearby, and matching folds case and punctuation") {
  std::string dir = testing::scratch_dir("decontam_unit");
  std::ofstream(dir + "/qa.jsonl")
      << R"({"id":"q1","question":"Which record label released the album \"Blue Harbour\" by Tessa Marin?","answer":"Northwind Records","aliases":["Northwind"]})"
      << "\n";
  auto index = Decontaminator::load({dir + "/qa.jsonl"}, 13);
  CHECK(index->match("QUIZ: which record label released the album Blue Harbour by Tessa Marin? A: NORTHWIND.") == 0);
  CHECK(index->match("Which record label released the album \"Blue Harbour\" by Tessa Marin? Nobody knows.") < 0);
  CHECK(index->match("Tessa Marin released Blue Harbour on Northwind Records in 1994.") < 0);
  CHECK_THROWS_WITH(Decontaminator::load({dir + "/missing.jsonl"}, 13), Catch::Contains("missing.jsonl"));
}
