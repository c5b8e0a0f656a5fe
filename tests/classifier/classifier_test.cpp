// The domain classifier on real data: trained by `curate train-classifier` on the music
// and general text beside the project, checked against the fasttext command, and used
// as a curate stage on the generated world.
#include "tests/catch.h"
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/line_reader.h"
#include "curation/classifier/classifier_text.h"
#include "curation/classifier/domain_classifier.h"
#include "tests/test_support.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct TrainedModel {
  std::string dir, model;
  json eval;
};

// Trains once per test run (single-threaded, so reproducible).
const TrainedModel& trained(const std::string& data) {
  static TrainedModel t = [&] {
    TrainedModel m;
    m.dir = testing::scratch_dir("classifier_real");
    auto prep = testing::run_command("python3 " + testing::source_dir() + "/tests/classifier/prepare_shared_data.py " +
                                     data + " " + m.dir);
    REQUIRE(prep.exit_code == 0);
    m.model = m.dir + "/music.bin";
    auto r = testing::run_command(testing::build_dir() + "/curate train-classifier --manifest " + m.dir +
                                  "/manifest.json --output " + m.model + " --classifier.threads=1");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    std::ifstream in(m.model + ".eval.json");
    m.eval = json::parse(in);
    return m;
  }();
  return t;
}

std::vector<std::string> first_texts(const std::string& jsonl, size_t n) {
  std::vector<std::string> texts;
  LineReader reader(jsonl);
  std::string_view line;
  while (texts.size() < n && reader.next(line)) texts.push_back(json::parse(line)["text"]);
  return texts;
}

}  // namespace

TEST_CASE("trained on real music and general text, the held-out F1 is at least 0.95") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const auto& t = trained(data);
  double f1 = t.eval["f1"];
  WARN("music classifier held-out: precision " << t.eval["precision"] << ", recall " << t.eval["recall"] << ", F1 " << f1
                                                << " on " << t.eval["holdout_docs"].dump() << " documents");
  CHECK(f1 >= 0.95);
  CHECK(t.eval["curve"].size() == 19);
}

TEST_CASE("a small quantised model is written as .ftz beside the .bin") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const auto& t = trained(data);
  std::string small = t.dir + "/small.bin";
  auto r = testing::run_command(testing::build_dir() + "/curate train-classifier --manifest " + t.dir +
                                "/manifest.json --output " + small +
                                " --classifier.threads=1 --classifier.quantize=true --classifier.dim=16"
                                " --classifier.bucket=20000 --classifier.max_docs_per_label=1500");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  REQUIRE(fs::exists(t.dir + "/small.ftz"));
  CHECK(fs::file_size(t.dir + "/small.ftz") < fs::file_size(small));
  auto quantized = FastTextModel::load(t.dir + "/small.ftz");
  CHECK(quantized->probability(classifier_text("A mellow piano ballad with soft female vocals and strings."), "music") > 0.5);
  CHECK(quantized->probability(classifier_text("Stocks fell sharply on Wall Street after the bank reported losses."), "music") < 0.5);
}

TEST_CASE("fasttext predict-prob on the saved model gives the stage's labels and probabilities") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const auto& t = trained(data);
  std::vector<std::string> lines;
  for (const char* source : {"musiccaps.jsonl", "dbpedia_general.jsonl", "ag_news.jsonl", "audioset_music.jsonl"})
    for (const auto& text : first_texts(t.dir + "/" + source, 100)) lines.push_back(classifier_text(text));
  {
    std::ofstream out(t.dir + "/normalized.txt");
    for (const auto& l : lines) out << l << "\n";
  }
  for (const std::string& model_file : {t.model}) {
    auto r = testing::run_command("fasttext predict-prob " + model_file + " " + t.dir + "/normalized.txt 2 > " + t.dir +
                                  "/cli.txt");
    REQUIRE(r.exit_code == 0);
    auto model = FastTextModel::load(model_file);
    std::ifstream cli(t.dir + "/cli.txt");
    std::string row;
    for (const auto& text : lines) {
      REQUIRE(std::getline(cli, row));
      std::istringstream fields(row);
      auto ours = model->predict(text, 2);
      for (const auto& [label, p] : ours) {
        std::string cli_label;
        double cli_p = 0;
        fields >> cli_label >> cli_p;
        CHECK(cli_label == "__label__" + label);
        CHECK(std::abs(cli_p - p) <= 1e-5);
      }
    }
  }
}

TEST_CASE("the real-data model scores the generated world's music sources above its general text") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const auto& t = trained(data);
  std::string world = testing::scratch_dir("classifier_world");
  REQUIRE(testing::run_command(testing::build_dir() + "/synth --docs 1500 --seed 5 --output " + world).exit_code == 0);
  std::string out = world + "/curated";
  auto r = testing::run_command("mpirun --allow-run-as-root --oversubscribe -np 2 " + testing::build_dir() +
                                "/curate --manifest " + world + "/manifest.json --output " + out +
                                " --curate.progress=false --classifier.model " + t.model +
                                " --classifier.policy=weight --classifier.threshold=0");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::vector<double>> by_source;
  for (const auto& entry : fs::directory_iterator(out + "/docs")) {
    LineReader reader(entry.path().string());
    std::string_view line;
    while (reader.next(line)) {
      json doc = json::parse(line);
      REQUIRE(doc["scores"].contains("music_p"));
      CHECK(doc["weight"].get<double>() >= 0.1);
      CHECK(doc["weight"].get<double>() <= 3.0);
      by_source[doc["source"]].push_back(doc["scores"]["music_p"]);
    }
  }
  auto mean = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); };
  REQUIRE(by_source["general"].size() > 50);
  double general = mean(by_source["general"]);
  std::ostringstream table;
  for (const auto& [source, scores] : by_source) {
    table << source << ": " << scores.size() << " docs, mean music_p " << mean(scores) << "\n";
    if (source != "general") CHECK(mean(scores) > general);
  }
  WARN("generated world, scored by the real-data model:\n" << table.str());
  json report = json::parse(std::ifstream(out + "/report.json"));
  CHECK(report["stages"]["classifier"]["counters"]["histogram"].contains("general"));
}

TEST_CASE("the threshold and weight policies decide through the rule table, in the text path and on the stored score") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const auto model = FastTextModel::load(trained(data).model);
  ClassifierOptions options;
  Document measured;
  measured.text = "The band recorded the album in two weeks, with the singer on piano and a string quartet.";
  DomainClassifier(model, options).process(measured);
  const double p = measured.score("music_p")->number;
  for (const std::string policy : {"threshold", "weight"}) {
    INFO(policy);
    options.policy = policy;
    options.threshold = p + 1e-3;
    DomainClassifier strict(model, options);
    Document doc;
    doc.text = measured.text;
    CHECK(std::string(strict.process(doc).reject_reason) == "off_domain");
    CHECK(doc.weight == 1.0);  // a rejected document is not weighted
    CHECK(std::string(strict.decide_on_measures(measured)->reject_reason) == "off_domain");
    options.threshold = p;  // at the limit: kept
    DomainClassifier at(model, options);
    doc.text = measured.text;
    CHECK(at.process(doc).keep());
    CHECK(doc.weight == (policy == "weight" ? std::clamp(p * 2.0, 0.1, 3.0) : 1.0));
    CHECK(at.decide_on_measures(measured)->keep());
  }
  options.policy = "pareto";  // its draw depends on the id: decided from the text
  CHECK_FALSE(DomainClassifier(model, options).decide_on_measures(measured).has_value());
}

TEST_CASE("policies decide from the document id alone") {
  CHECK(pareto_draw(0.0, 9.0) == 0.0);
  CHECK(pareto_draw(0.5, 1.0) == Approx(1.0));
  // Numpy's pareto(alpha) has mean 1 / (alpha - 1).
  double sum = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) sum += pareto_draw((i + 0.5) / n, 9.0);
  CHECK(sum / n == Approx(1.0 / 8.0).epsilon(0.01));
}

TEST_CASE("a missing or corrupt classifier model stops curate before any work") {
  std::string dir = testing::scratch_dir("classifier_bad_model");
  std::ofstream(dir + "/a.jsonl") << R"({"id":"1","text":"some text that is long enough to be kept by the length filter"})" << "\n";
  std::ofstream(dir + "/m.json") << R"({"sources":[{"name":"a","paths":["a.jsonl"]}]})";
  std::ofstream(dir + "/bad.bin") << "garbage";
  for (const std::string& model : {dir + "/missing.bin", dir + "/bad.bin"}) {
    auto r = testing::run_command(testing::build_dir() + "/curate --manifest " + dir + "/m.json --output " + dir +
                                  "/out --classifier.model " + model);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(model));
    CHECK_FALSE(fs::exists(dir + "/out/docs"));
  }
}
