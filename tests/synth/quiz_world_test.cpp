// A world with a quiz source: the quizzes ask about one half of the artists in
// evaluate's prompt format, the benchmark about the other half, and no quiz question is
// a benchmark question; without --quiz_docs the world has no quiz source at all.
#include "tests/catch.h"
#include <regex>
#include <set>

#include "synth/benchmark.h"
#include "synth/knowledge_base.h"
#include "synth/world_writer.h"
#include "tests/synth/world_fixture.h"
#include "tests/test_support.h"

using mucpt::synth::testing::load_world;
using mucpt::synth::testing::read_jsonl;
using nlohmann::json;

namespace {

size_t artist_index(const std::string& artist_id) { return std::stoul(artist_id.substr(4)) - 1; }  // "art-000001"

}  // namespace

TEST_CASE("quiz sheets ask about the artists the benchmark leaves out, in evaluate's format", "[synth]") {
  mucpt::synth::WorldOptions options;
  options.documents = 1200;
  options.seed = 5;
  options.artists = 16;
  options.quiz_documents = 150;
  options.output = mucpt::testing::scratch_dir("synth/quiz_world");
  mucpt::synth::write_world(options);
  const auto w = load_world(options.output);

  REQUIRE(w.manifest.at("sources").size() == 8);
  CHECK(w.manifest.at("sources").back().at("name") == "quiz");
  CHECK(w.summary.at("knowledge_base").at("artists") == 16);
  CHECK(w.summary.at("sources").at("quiz") == 150);
  CHECK(w.summary.at("source_kinds").at("quiz").at("clean") == 150);

  // Every benchmark question is about an artist of even index.
  const auto facts = read_jsonl(options.output + "/truth/benchmark_facts.jsonl");
  REQUIRE(facts.size() == w.questions.size());
  for (size_t i = 0; i < facts.size(); ++i) {
    CHECK(facts[i].at("id") == w.questions[i].at("id"));
    CHECK(artist_index(facts[i].at("artist_id")) % 2 == 0);
  }

  std::set<std::string> benchmark;
  for (const auto& q : w.questions) benchmark.insert(q.at("question"));
  const std::regex pair("\nQuestion: ([^\n]+)\nAnswer: ([^\n]+)");
  size_t sheets = 0, pairs = 0;
  for (const auto& [id, doc] : w.docs) {
    if (doc.source != "quiz") continue;
    ++sheets;
    size_t in_sheet = 0;
    for (std::sregex_iterator m(doc.text.begin(), doc.text.end(), pair), end; m != end; ++m, ++in_sheet) {
      CHECK(benchmark.count((*m)[1].str()) == 0);
      CHECK((*m)[1].str().back() == '?');
    }
    CHECK(in_sheet >= 4);
    CHECK(in_sheet <= 8);
    pairs += in_sheet;
  }
  CHECK(sheets == 150);
  CHECK(pairs >= 600);
}

TEST_CASE("question sets drawn from one half name only that half's artists", "[synth]") {
  const auto kb = mucpt::synth::KnowledgeBase::build(3, 1000, 20);
  REQUIRE(kb.artists.size() == 20);
  for (auto half : {mucpt::synth::ArtistHalf::even, mucpt::synth::ArtistHalf::odd}) {
    const auto questions = mucpt::synth::make_questions(kb, 3, 200, half);
    CHECK(questions.size() == 200);
    for (const auto& q : questions)
      CHECK(artist_index(q.artist_id) % 2 == (half == mucpt::synth::ArtistHalf::odd ? 1u : 0u));
  }
}

TEST_CASE("a world without quiz sheets has no quiz source", "[synth]") {
  mucpt::synth::WorldOptions options;
  options.documents = 300;
  options.seed = 5;
  options.output = mucpt::testing::scratch_dir("synth/no_quiz_world");
  mucpt::synth::write_world(options);
  const auto w = load_world(options.output);
  CHECK(w.manifest.at("sources").size() == 7);
  for (const auto& s : w.manifest.at("sources")) CHECK(s.at("name") != "quiz");
  CHECK_FALSE(w.summary.contains("quiz_facts"));
  CHECK_FALSE(w.summary.at("sources").contains("quiz"));
}
