// The quality options: registration with their defaults, the stage chain they build,
// and a source re-tuning or switching rules through its manifest settings.
#include "tests/catch.h"

#include "tests/quality/quality_test_util.h"

using namespace mucpt;
using quality_test::default_config;
using quality_test::stages_for;

namespace {

std::vector<std::string> names(const std::vector<std::unique_ptr<Stage>>& stages) {
  std::vector<std::string> out;
  for (const auto& s : stages) out.emplace_back(s->name());
  return out;
}

std::string run(std::vector<std::unique_ptr<Stage>>& stages, std::string& text) {
  Document doc;
  doc.text = text;
  for (auto& s : stages) {
    Verdict v = s->process(doc);
    if (!v.keep()) return std::string(s->name()) + ":" + v.reject_reason;
  }
  text = doc.text;
  return "";
}

}  // namespace

TEST_CASE("settings: every option is registered with its default") {
  Config config = default_config();
  const auto values = config.values_as_text();
  for (const char* key : {"html.enabled", "boilerplate.max_line_chars", "repeated_lines.enabled", "script.cjk_share",
                          "structure.list_aware", "gopher_quality.min_words", "gopher_quality.min_stop_words",
                          "gopher_repetition.dup_5_gram", "gopher_repetition.top_4_gram", "c4.enabled",
                          "c4.min_sentences", "fineweb.short_line_max_chars", "fineweb.char_dup_share"}) {
    INFO(key);
    CHECK(values.count(key) == 1);
  }
  CHECK(config.get_int("gopher_quality.min_words") == 50);
  CHECK(config.get_int("gopher_quality.max_words") == 100000);
  CHECK(config.get_double("gopher_repetition.dup_10_gram") == Approx(0.10));
  CHECK(config.get_double("fineweb.short_line_share") == Approx(0.67));
  CHECK_FALSE(config.get_bool("html.enabled"));
}

TEST_CASE("settings: the default chain, in order") {
  Config config = default_config();
  auto stages = stages_for(config);
  CHECK(names(stages) == std::vector<std::string>{"boilerplate", "gopher_repetition", "repeated_lines",
                                                  "gopher_quality", "c4", "fineweb"});
  auto html = stages_for(config, R"({"html.enabled": true, "c4.enabled": false})");
  CHECK(names(html) == std::vector<std::string>{"html", "boilerplate", "gopher_repetition", "repeated_lines",
                                                "gopher_quality", "fineweb"});
}

TEST_CASE("settings: a source re-tunes a threshold without touching other sources") {
  Config config = default_config();
  std::string short_review = "The " + quality_test::words(30) + " and the rest. It is good. Buy it. Play it. Love it.";
  auto web = stages_for(config);
  auto abstracts = stages_for(config, R"({"gopher_quality.min_words": 20})");
  std::string a = short_review, b = short_review;
  CHECK(run(web, a) == "gopher_quality:short_doc");
  CHECK(run(abstracts, b) == "");
}

TEST_CASE("settings: the command line changes the default for every source") {
  Config config = default_config({"--c4.min_sentences=1", "--gopher_quality.min_words=5"});
  auto stages = stages_for(config);
  std::string text = "The band and the record, in brief.";
  CHECK(run(stages, text) == "");
}

TEST_CASE("settings: an HTML source is stripped before the rules read it") {
  Config config = default_config();
  auto stages = stages_for(config, R"({"html.enabled": true})");
  std::string page = "<html><head><title>x</title></head><body><nav>Home | News | Contact</nav><p>The " +
                     quality_test::words(30) + " and the first part.</p><p>The " + quality_test::words(30, 5, 40) +
                     " and more. It ends. Then &amp; again. Once more. Done.</p><footer>&copy; 2020 Site</footer></body></html>";
  CHECK(run(stages, page) == "");
  CHECK(page.find('<') == std::string::npos);
  CHECK(page.find("Home") == std::string::npos);
  CHECK(page.find("\xC2\xA9") == std::string::npos);
  CHECK(page.find("Then & again.") != std::string::npos);
}

TEST_CASE("settings: bad values are refused with the key's name") {
  Config config = default_config();
  CHECK_THROWS_WITH(stages_for(config, R"({"gopher_quality.min_word": 10})"), Catch::Contains("gopher_quality.min_word"));
  CHECK_THROWS_WITH(stages_for(config, R"({"c4.enabled": 1})"), Catch::Contains("c4.enabled"));
  CHECK_THROWS_WITH(stages_for(config, R"({"fineweb.short_line_share": -0.5})"), Catch::Contains("fineweb.short_line_share"));
  CHECK_THROWS_WITH(stages_for(config, R"({"gopher_repetition.cjk_chars_per_word": 0.5})"),
                    Catch::Contains("cjk_chars_per_word"));
}
