#include "tests/catch.h"
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/line_reader.h"
#include "curation/langid/language_filter.h"
#include "tests/test_support.h"

using namespace mucpt;

namespace {

// Real lines from the shared data plus a few other languages, one text per line.
std::vector<std::string> sample_lines(const std::string& data) {
  std::vector<std::string> lines;
  LineReader albums(data + "/music/dbpedia_album_abstracts.jsonl");
  std::string_view line;
  while (albums.next(line) && lines.size() < 300) lines.push_back(nlohmann::json::parse(line)["text"]);
  LineReader news(data + "/general/ag_news_test.csv");
  while (news.next(line) && lines.size() < 500) lines.emplace_back(line);
  for (const char* other : {"这张专辑由一家独立唱片公司于一九九四年发行，收录了十二首歌曲。",
                            "L'album a été enregistré à Paris avec un orchestre de chambre.",
                            "Das Album wurde im Jahr 1994 von einem unabhängigen Label veröffentlicht.",
                            "このアルバムは東京で録音され、十二曲が収録されている。",
                            "El disco fue grabado en Madrid con una orquesta de cámara.", "ok", "12345"})
    lines.emplace_back(other);
  return lines;
}

}  // namespace

TEST_CASE("language ID agrees with the fasttext predict-prob command on the same model and lines") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::string model_path = data + "/fasttext/lid.176.ftz";
  auto lines = sample_lines(data);
  std::string dir = testing::scratch_dir("langid_agreement");
  {
    std::ofstream out(dir + "/lines.txt");
    for (const auto& l : lines) out << l << "\n";
  }
  auto r = testing::run_command("fasttext predict-prob " + model_path + " " + dir + "/lines.txt 1 > " + dir + "/cli.txt");
  REQUIRE(r.exit_code == 0);
  std::ifstream cli(dir + "/cli.txt");
  auto model = FastTextModel::load(model_path);
  size_t agree = 0;
  std::string cli_line;
  for (const auto& text : lines) {
    REQUIRE(std::getline(cli, cli_line));
    std::istringstream fields(cli_line);
    std::string label;
    double p = 0;
    fields >> label >> p;
    auto ours = model->predict(text, 1);
    REQUIRE(ours.size() == 1);
    INFO(text);
    CHECK("__label__" + ours[0].first == label);
    CHECK(std::abs(ours[0].second - p) < 1e-5 * std::max(1.0, p) + 5e-6);
    agree += "__label__" + ours[0].first == label;
  }
  WARN("language ID: " << agree << " of " << lines.size() << " lines agree with `fasttext predict-prob`");
}

TEST_CASE("the language filter records lang and lang_p and keeps only the configured languages") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  auto model = FastTextModel::load(data + "/fasttext/lid.176.ftz");
  LanguageIdOptions options;
  options.languages = "en, zh";
  LanguageFilter filter(model, options);
  Document en, zh, fr;
  en.text = "The band released their second album on an independent record label in 1994.";
  zh.text = "这张专辑由一家独立唱片公司于一九九四年发行，收录了十二首歌曲。";
  fr.text = "Le groupe a sorti son deuxième album chez un label indépendant en 1994.";
  CHECK(filter.process(en).keep());
  CHECK(en.score("lang")->label == "en");
  CHECK(en.score("lang_p")->number > 0.65);
  CHECK(filter.process(zh).keep());
  CHECK(zh.score("lang")->label == "zh");
  CHECK(std::string(filter.process(fr).reject_reason) == "unwanted_language");
  CHECK(fr.score("lang")->label == "fr");

  // The threshold is the rule table's: a limit just above the prediction rejects it,
  // in the text path and on the stored prediction alike; a limit of 0 is off.
  const double p = en.score("lang_p")->number;
  options.threshold = p + 1e-3;
  LanguageFilter strict(model, options);
  Document again;
  again.text = en.text;
  CHECK(std::string(strict.process(again).reject_reason) == "low_language_score");
  CHECK(std::string(strict.decide_on_measures(en)->reject_reason) == "low_language_score");
  options.threshold = p;
  CHECK(LanguageFilter(model, options).decide_on_measures(en)->keep());
  options.threshold = 0;
  CHECK(LanguageFilter(model, options).decide_on_measures(zh)->keep());
}

TEST_CASE("a missing or corrupt model file is a clear error naming it") {
  CHECK_THROWS_WITH(FastTextModel::load("/nonexistent/lid.bin"), Catch::Contains("/nonexistent/lid.bin"));
  std::string dir = testing::scratch_dir("langid_corrupt");
  std::ofstream(dir + "/bad.bin") << "not a model";
  CHECK_THROWS_WITH(FastTextModel::load(dir + "/bad.bin"), Catch::Contains("bad.bin") && Catch::Contains("cannot be loaded"));
}
