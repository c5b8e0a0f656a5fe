// Decontamination: every benchmark question planted in the generated world is removed,
// and nothing else is.
#include "tests/catch.h"
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
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
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

// One benchmark item, written to dir/qa.jsonl and indexed.
std::shared_ptr<const BenchmarkIndex> blue_harbour_index(const std::string& dir) {
  std::ofstream(dir + "/qa.jsonl")
      << R"({"id":"q1","question":"Which record label released the album \"Blue Harbour\" by Tessa Marin?","answer":"Northwind Records","aliases":["Northwind"]})"
      << "\n";
  return Decontaminator::load({dir + "/qa.jsonl"}, 13, 10);
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

  SECTION("cut mode keeps the documents without the question and its answer") {
    auto cut = testing::run_command("mpirun --allow-run-as-root --oversubscribe -np 2 " + testing::build_dir() +
                                    "/curate --manifest " + world + "/manifest.json --output " + world +
                                    "/cut --curate.progress=false --decontam.mode=cut --decontam.min_chars=20 "
                                    "--decontam.benchmarks " + world + "/benchmark/music_qa.jsonl");
    INFO(cut.output);
    REQUIRE(cut.exit_code == 0);
    json cut_report = json::parse(std::ifstream(world + "/cut/report.json"));
    const json& counters = cut_report["stages"]["decontam"]["counters"];
    uint64_t cut_removed = cut_report["stages"]["decontam"]["rejected"].value("benchmark_contamination", uint64_t(0));
    // The same documents are found; each is now cut, or removed when too little is left.
    CHECK(counters["cut_documents"].get<uint64_t>() + cut_removed == removed.size());
    CHECK(counters["cut_documents"].get<uint64_t>() > 0);
    CHECK(counters["cut_spans"].get<uint64_t>() >= counters["cut_documents"].get<uint64_t>());
    // No kept document, and no document a later rule rejected, holds a question with its
    // answer; every planted document went through the cut (min_chars 20 keeps them all).
    size_t planted_kept = 0, planted_later = 0;
    auto check_clean = [&](const std::string& path, bool kept) {
      LineReader reader(path);
      std::string_view l;
      while (reader.next(l)) {
        json doc = json::parse(l);
        INFO(doc["id"] << ": " << doc["text"]);
        CHECK(std::none_of(items.begin(), items.end(),
                           [&](const json& item) { return holds_question_and_answer(doc["text"], item); }));
        if (!planted.count(doc["id"].get<std::string>())) continue;
        CHECK(doc["text"].get<std::string>().find("\n\n\n") == std::string::npos);
        (kept ? planted_kept : planted_later) += 1;
      }
    };
    for (const auto& entry : fs::directory_iterator(world + "/cut/docs")) check_clean(entry.path().string(), true);
    for (const auto& stage : fs::directory_iterator(world + "/cut/rejects")) {
      if (stage.path().filename() == "parse" || stage.path().filename() == "decontam") continue;
      for (const auto& entry : fs::directory_iterator(stage.path())) check_clean(entry.path().string(), false);
    }
    WARN("cut mode: " << counters["cut_documents"] << " documents cut, " << cut_removed << " removed; of the "
                      << planted.size() << " planted documents " << planted_kept << " kept, " << planted_later
                      << " too short for the quality rules after the cut");
    CHECK(planted_kept + planted_later == planted.size());
  }
}

TEST_CASE("cut mode removes the question's and the answer's sentences and keeps the rest") {
  auto index = blue_harbour_index(testing::scratch_dir("decontam_cut"));
  Decontaminator cut(index, DecontamMode::cut, 20);
  Document doc;
  doc.text = "Blue Harbour came out in 1994. QUIZ: which record label released the album Blue Harbour by Tessa "
             "Marin? A: NORTHWIND. The album sold well in Norway.\nIt was reissued in 2004.";
  CHECK(cut.process(doc).keep());
  CHECK(doc.text == "Blue Harbour came out in 1994. The album sold well in Norway.\nIt was reissued in 2004.");

  // Question and answer sentences far apart are both cut; the CJK full stop ends a sentence.
  doc.text = "Which record label released the album Blue Harbour by Tessa Marin? Many readers wrote in. "
             "\xE7\xAD\x94\xE6\xA1\x88\xEF\xBC\x9A Northwind Records\xE3\x80\x82 Thanks for playing along this week.";
  CHECK(cut.process(doc).keep());
  CHECK(doc.text == "Many readers wrote in. Thanks for playing along this week.");

  // Too little left: removed.
  doc.text = "Which record label released the album Blue Harbour by Tessa Marin? Northwind.";
  CHECK(cut.process(doc).reject_reason == std::string("benchmark_contamination"));
  nlohmann::json counters;
  cut.write_counters(counters);
  CHECK(counters["cut_documents"] == 2);
  CHECK(counters["cut_spans"] == 3);
  CHECK(counters["removed"] == 1);
}

TEST_CASE("a question needs its answer nearby, and matching folds case and punctuation") {
  std::string dir = testing::scratch_dir("decontam_unit");
  auto index = blue_harbour_index(dir);
  CHECK(index->match("QUIZ: which record label released the album Blue Harbour by Tessa Marin? A: NORTHWIND.") == 0);
  CHECK(index->match("Which record label released the album \"Blue Harbour\" by Tessa Marin? Nobody knows.") < 0);
  CHECK(index->match("Tessa Marin released Blue Harbour on Northwind Records in 1994.") < 0);
  CHECK_THROWS_WITH(Decontaminator::load({dir + "/missing.jsonl"}, 13, 10), Catch::Contains("missing.jsonl"));

  // A number answers only as written: a year is not any four-digit number.
  std::ofstream(dir + "/year.jsonl")
      << R"({"id":"y1","question":"In which year did the band Velvet Lanterns release their debut album Harbour Lights?","answer":"1998"})"
      << "\n";
  auto years = Decontaminator::load({dir + "/year.jsonl"}, 13, 10);
  const std::string asked = "In which year did the band Velvet Lanterns release their debut album Harbour Lights? ";
  CHECK(years->match(asked + "It was 1998.") == 0);
  CHECK(years->match(asked + "The shop opened on 12 March 2021.") < 0);
}

TEST_CASE("a question in Chinese is matched by character n-grams of decontam.cjk_ngram") {
  std::string dir = testing::scratch_dir("decontam_cjk");
  std::ofstream(dir + "/qa.jsonl")
      << R"({"id":"z1","question":"哪家唱片公司在一九九四年发行了专辑《蓝色港湾》？","answer":"北风唱片"})" << "\n";
  auto index = Decontaminator::load({dir + "/qa.jsonl"}, 13, 10);
  // Ten characters of the question in a row, and the answer.
  CHECK(index->match("你知道吗，在一九九四年发行了专辑的是北风唱片。") == 0);
  // Eight in a row are not enough; nor is the question without its answer.
  CHECK(index->match("那年一九九四年发行了新歌，北风唱片。") < 0);
  CHECK(index->match("哪家唱片公司在一九九四年发行了专辑《蓝色港湾》？没人知道。") < 0);
  // With the 13-word length for every question this question would need 13 characters.
  auto words_only = Decontaminator::load({dir + "/qa.jsonl"}, 13, 13);
  CHECK(words_only->match("你知道吗，在一九九四年发行了专辑的是北风唱片。") < 0);
}
