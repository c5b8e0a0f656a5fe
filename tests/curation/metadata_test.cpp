#include "tests/catch.h"
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "common/line_reader.h"
#include "curation/metadata/metadata_join.h"
#include "tests/test_support.h"

using namespace mucpt;
using nlohmann::json;

namespace {

// curate over DIR/m.json with only the length rules deciding: the kept texts by id.
std::map<std::string, std::string> curated_texts(const std::string& dir, const std::string& options) {
  auto r = testing::run_command(testing::build_dir() + "/curate --manifest " + dir + "/m.json --output " + dir +
                                "/out --curate.progress=false --dedup.enabled=false --gopher_quality.enabled=false "
                                "--c4.enabled=false --fineweb.enabled=false" + options);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::string> texts;
  LineReader reader(dir + "/out/docs/part-000000.jsonl.zst");
  std::string_view line;
  while (reader.next(line)) {
    json doc = json::parse(line);
    texts[doc["id"]] = doc["text"];
  }
  return texts;
}

}  // namespace

TEST_CASE("metadata templates fill fields and drop lines whose fields are all missing") {
  json record = {{"entity_id", "alb-1"}, {"artist", "Tessa Marin"}, {"album", "Blue Harbour"}, {"year", 1994},
                 {"genres", {"folk", "pop"}}};
  CHECK(render_metadata(record, "entity_id", "{artist} - {album} ({year})\\nLabel: {label}\\nGenres: {genres}") ==
        "Tessa Marin - Blue Harbour (1994)\nGenres: folk, pop");
  CHECK(render_metadata(record, "entity_id", "") == "album: Blue Harbour\nartist: Tessa Marin\ngenres: folk, pop\nyear: 1994\n");
}

TEST_CASE("a metadata record nested past 256 levels is refused with its file and line, not a stack overflow") {
  std::string dir = testing::scratch_dir("metadata_deep");
  {
    std::ofstream out(dir + "/meta.jsonl");
    out << R"({"entity_id":"a","nested":[[["fine"]]]})" << "\n";
    out << R"({"entity_id":"b","nested":)" << std::string(200000, '[') << std::string(200000, ']') << "}\n";
  }
  CHECK_THROWS_WITH(MetadataTable({dir + "/meta.jsonl"}, "entity_id"),
                    Catch::Contains("meta.jsonl:2") && Catch::Contains("256 levels"));
}

TEST_CASE("curate joins each document's metadata record by its key and counts the misses") {
  std::string dir = testing::scratch_dir("metadata_join");
  std::string text = "A long enough review of the album, with several words so that the length filter keeps it.";
  {
    std::ofstream docs(dir + "/reviews.jsonl");
    docs << json({{"id", "r1"}, {"text", text}, {"entity_id", "alb-1"}}).dump() << "\n";
    docs << json({{"id", "r2"}, {"text", text + " Another one."}, {"entity_id", "alb-9"}}).dump() << "\n";
    docs << json({{"id", "r3"}, {"text", text + " And a third."}}).dump() << "\n";
    std::ofstream meta(dir + "/meta.jsonl");
    meta << R"({"entity_id":"alb-1","artist":"Tessa Marin","album":"Blue Harbour","year":1994})" << "\n";
    std::ofstream(dir + "/m.json") << R"x({"sources":[{"name":"reviews","paths":["reviews.jsonl"],
      "metadata":{"paths":["meta.jsonl"],"key":"entity_id"},
      "settings":{"metadata.template":"{artist} - {album} ({year})"}}]})x";
  }
  auto texts = curated_texts(dir, "");
  CHECK(texts["r1"] == "Tessa Marin - Blue Harbour (1994)\n\n" + text);
  CHECK(texts["r2"] == text + " Another one.");
  json report = json::parse(std::ifstream(dir + "/out/report.json"));
  auto counters = report["stages"]["metadata"]["counters"];
  CHECK(counters["joined"] == 1);
  CHECK(counters["key_not_found"] == 1);
  CHECK(counters["without_key"] == 1);
}

TEST_CASE("a metadata header is masked as the document's text is: its personal data never reaches the tokens") {
  std::string dir = testing::scratch_dir("metadata_privacy");
  std::string text = "A long enough review of the album, with several words so that the length filter keeps it. "
                     "Write to press@example.com for a copy.";
  {
    std::ofstream docs(dir + "/reviews.jsonl");
    docs << json({{"id", "r1"}, {"text", text}, {"entity_id", "alb-1"}}).dump() << "\n";
    docs << json({{"id", "r2"}, {"text", text + " Again."}, {"entity_id", "alb-2"}}).dump() << "\n";
    docs << json({{"id", "r3"}, {"text", text + " Once more."}, {"entity_id", "alb-3"}}).dump() << "\n";
    std::ofstream meta(dir + "/meta.jsonl");
    meta << R"({"entity_id":"alb-1","title":"Blue Harbour","contact":"jane.doe@example.com"})" << "\n";
    meta << R"({"entity_id":"alb-2","title":"Red Sky"})" << "\n";
    meta << R"({"entity_id":"alb-3","a":"a1@example.com","b":"b2@example.com","c":"c3@example.com"})" << "\n";
    std::ofstream(dir + "/m.json") << R"x({"sources":[{"name":"reviews","paths":["reviews.jsonl"],
      "metadata":{"paths":["meta.jsonl"],"key":"entity_id"}}]})x";
  }
  auto texts = curated_texts(dir, " --privacy.max_hits 2");
  const std::string masked_text = "A long enough review of the album, with several words so that the length filter "
                                  "keeps it. Write to <|EMAIL|> for a copy.";
  CHECK(texts["r1"] == "contact: <|EMAIL|>\ntitle: Blue Harbour\n\n" + masked_text);
  CHECK(texts["r2"] == "title: Red Sky\n\n" + masked_text + " Again.");
  CHECK(texts["r3"] == masked_text + " Once more.");  // a header of three addresses: past max_hits, left out
  for (const auto& [id, t] : texts) CHECK(t.find("example.com") == std::string::npos);
  json report = json::parse(std::ifstream(dir + "/out/report.json"));
  auto counters = report["stages"]["metadata"]["counters"];
  CHECK(counters["joined"] == 2);
  CHECK(counters["headers_masked"] == 1);
  CHECK(counters["headers_left_out_for_pii"] == 1);
}

TEST_CASE("a metadata table keyed by the source's id field joins by the document's id") {
  std::string dir = testing::scratch_dir("metadata_by_id");
  std::string text = "A long enough review of the album, with several words so that the length filter keeps it.";
  {
    std::ofstream docs(dir + "/reviews.jsonl");
    docs << json({{"rid", "alb-1"}, {"text", text}}).dump() << "\n";
    docs << json({{"rid", "alb-2"}, {"text", text + " Another one."}}).dump() << "\n";
    std::ofstream meta(dir + "/meta.jsonl");
    meta << R"({"rid":"alb-1","title":"Blue Harbour"})" << "\n";
    std::ofstream(dir + "/m.json") << R"x({"sources":[{"name":"reviews","paths":["reviews.jsonl"],"id_field":"rid",
      "metadata":{"paths":["meta.jsonl"],"key":"rid"}}]})x";
  }
  auto texts = curated_texts(dir, "");
  CHECK(texts["alb-1"] == "title: Blue Harbour\n\n" + text);
  CHECK(texts["alb-2"] == text + " Another one.");
  json report = json::parse(std::ifstream(dir + "/out/report.json"));
  CHECK(report["stages"]["metadata"]["counters"]["joined"] == 1);
  CHECK(report["stages"]["metadata"]["counters"]["key_not_found"] == 1);
}
