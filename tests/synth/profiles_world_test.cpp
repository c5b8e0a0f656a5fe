// A world with artist profiles: every artist gets the same number of fact sheets, each
// naming the artist in every sentence and stating its facts as the knowledge base has
// them; the benchmark and the quizzes ask only the kinds of fact asked for, so every
// benchmark answer is stated in its artist's profiles.
#include "tests/catch.h"
#include <map>
#include <regex>
#include <set>

#include "synth/knowledge_base.h"
#include "synth/lexicon.h"
#include "synth/world_writer.h"
#include "tests/synth/world_fixture.h"
#include "tests/test_support.h"

using mucpt::synth::testing::load_world;
using mucpt::synth::testing::read_jsonl;

namespace {

std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> out;
  const std::regex sentence(R"([^.]+(\.[^ .][^.]*)*\.)");
  for (std::sregex_iterator m(text.begin(), text.end(), sentence), end; m != end; ++m) out.push_back(m->str());
  return out;
}

}  // namespace

TEST_CASE("profiles restate each artist's facts and the benchmark asks only those kinds", "[synth]") {
  mucpt::synth::WorldOptions options;
  options.documents = 300;
  options.seed = 4;
  options.artists = 12;
  options.quiz_documents = 40;
  options.profiles = 3;
  options.question_kinds = {"artist_city", "formed", "album_year"};
  options.output = mucpt::testing::scratch_dir("synth/profiles_world");
  mucpt::synth::write_world(options);
  const auto w = load_world(options.output);
  const auto kb = mucpt::synth::KnowledgeBase::build(options.seed, options.documents, options.artists);

  REQUIRE(w.manifest.at("sources").size() == 9);
  CHECK(w.manifest.at("sources").back().at("name") == "profiles");
  CHECK(w.summary.at("sources").at("profiles") == 36);
  CHECK(w.summary.at("profiles_per_artist") == 3);

  std::map<std::string, std::vector<std::string>> profiles;  // by artist name
  for (const auto& [id, doc] : w.docs) {
    if (doc.source != "profiles") continue;
    const std::string artist_id = doc.object.at("entity_id");
    const auto& artist = kb.artists[std::stoul(artist_id.substr(4)) - 1];
    profiles[artist.name].push_back(doc.text);
    // Every sentence names the artist; the city and the year formed are the knowledge base's.
    for (const std::string& s : sentences(doc.text)) {
      INFO(s);
      CHECK(s.find(artist.name) != std::string::npos);
    }
    CHECK(doc.text.find(mucpt::synth::cities()[artist.city].en) != std::string::npos);
    CHECK(doc.text.find(std::to_string(artist.formed)) != std::string::npos);
  }
  REQUIRE(profiles.size() == 12);
  for (const auto& [artist, texts] : profiles) CHECK(texts.size() == 3);

  // The benchmark asks the kinds given, and its answers are in the artist's profiles.
  const auto facts = read_jsonl(options.output + "/truth/benchmark_facts.jsonl");
  REQUIRE(facts.size() == w.questions.size());
  REQUIRE_FALSE(facts.empty());
  std::set<std::string> kinds;
  for (size_t i = 0; i < facts.size(); ++i) {
    kinds.insert(facts[i].at("kind"));
    const std::string artist_id = facts[i].at("artist_id");
    const std::string name = kb.artists[std::stoul(artist_id.substr(4)) - 1].name;
    const std::string answer = w.questions[i].at("answer");
    INFO(w.questions[i].dump());
    CHECK(profiles.at(name).front().find(answer) != std::string::npos);
  }
  CHECK(kinds == std::set<std::string>{"artist_city", "formed", "album_year"});
  // So do the quizzes: "In which city", "In what year" questions only.
  const std::regex question("\nQuestion: ([^\n]+)\n");
  for (const auto& [id, doc] : w.docs) {
    if (doc.source != "quiz") continue;
    for (std::sregex_iterator m(doc.text.begin(), doc.text.end(), question), end; m != end; ++m) {
      const std::string q = (*m)[1].str();
      INFO(q);
      CHECK((q.rfind("In which city", 0) == 0 || q.rfind("Which city", 0) == 0 || q.rfind("In what year", 0) == 0));
    }
  }
}
