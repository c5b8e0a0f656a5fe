#include "tests/catch.h"
#include <filesystem>
#include <fstream>

#include "curation/manifest.h"
#include "curation/work_plan.h"
#include "tests/test_support.h"

using namespace mucpt;

namespace {
void write(const std::string& path, const std::string& content) { std::ofstream(path) << content; }
}  // namespace

TEST_CASE("manifest paths resolve against the manifest folder and expand globs") {
  auto dir = testing::scratch_dir("manifest_glob");
  std::filesystem::create_directories(dir + "/data");
  write(dir + "/data/b.jsonl", "{}\n");
  write(dir + "/data/a.jsonl", "{}\n");
  write(dir + "/m.json", R"({"name":"m","sources":[{"name":"s","paths":["data/*.jsonl"],"text_field":"body","weight":2.5,"priority":3}]})");
  Manifest m = load_manifest(dir + "/m.json");
  REQUIRE(m.sources.size() == 1);
  CHECK(m.sources[0].text_field == "body");
  CHECK(m.sources[0].id_field == "id");
  CHECK(m.sources[0].weight == 2.5);
  CHECK(m.sources[0].priority == 3);
  auto files = expand_source_paths(m, m.sources[0]);
  REQUIRE(files.size() == 2);
  CHECK(files[0].substr(files[0].size() - 7) == "a.jsonl");
}

TEST_CASE("manifest errors name the file and the key") {
  auto dir = testing::scratch_dir("manifest_errors");
  CHECK_THROWS_WITH(load_manifest(dir + "/none.json"), Catch::Contains("none.json"));
  write(dir + "/bad.json", "{not json");
  CHECK_THROWS_WITH(load_manifest(dir + "/bad.json"), Catch::Contains("bad.json") && Catch::Contains("not valid JSON"));
  write(dir + "/huge.json", R"({"sources":[{"name":"s","paths":["x"],"weight":1e999}]})");
  CHECK_THROWS_WITH(load_manifest(dir + "/huge.json"), Catch::Contains("huge.json") && Catch::Contains("not valid JSON"));
  write(dir + "/type.json", R"({"sources":[{"name":"s","paths":["x"],"weight":"heavy"}]})");
  CHECK_THROWS_WITH(load_manifest(dir + "/type.json"), Catch::Contains("'weight'") && Catch::Contains("'s'"));
  write(dir + "/typo.json", R"({"sources":[{"name":"s","paths":["x"],"prority":9}]})");
  CHECK_THROWS_WITH(load_manifest(dir + "/typo.json"),
                    Catch::Contains("typo.json") && Catch::Contains("('s'): unknown key 'prority' (known: name, paths"));
  write(dir + "/metatypo.json", R"({"sources":[{"name":"s","paths":["x"],"metadata":{"paths":["m"],"keys":"id"}}]})");
  CHECK_THROWS_WITH(load_manifest(dir + "/metatypo.json"),
                    Catch::Contains("('s').metadata: unknown key 'keys' (known: paths, key)"));
  write(dir + "/heavy.json", R"({"sources":[{"name":"s","paths":["x"],"weight":5000}]})");
  CHECK_THROWS_WITH(load_manifest(dir + "/heavy.json"),
                    Catch::Contains("('s'): key 'weight' must be from 0 to 1000 (copies of each document), not 5000"));
  write(dir + "/nomatch.json", R"({"sources":[{"name":"s","paths":["missing/*.jsonl"]}]})");
  Manifest m = load_manifest(dir + "/nomatch.json");
  CHECK_THROWS_WITH(expand_source_paths(m, m.sources[0]), Catch::Contains("no file matches") && Catch::Contains("missing/*.jsonl"));
}

TEST_CASE("a file matched by two sources is refused naming both: its documents would count twice") {
  auto dir = testing::scratch_dir("manifest_two_sources");
  std::filesystem::create_directories(dir + "/data");
  write(dir + "/data/docs.jsonl", "{}\n");
  write(dir + "/m.json", R"({"sources":[{"name":"a","paths":["data/*.jsonl"]},{"name":"b","paths":["data/docs.jsonl"]}]})");
  Manifest m = load_manifest(dir + "/m.json");
  CHECK_THROWS_WITH(plan_work(m, 0, 1), Catch::Contains("data/docs.jsonl is matched by source 'a' and by source 'b'"));
  // One source naming the file twice reads it once.
  write(dir + "/once.json", R"({"sources":[{"name":"a","paths":["data/*.jsonl","data/docs.jsonl"]}]})");
  CHECK(plan_work(load_manifest(dir + "/once.json"), 0, 1).files.size() == 1);
  // Also when the spellings differ: the same file through "./", "..", a link.
  std::filesystem::create_directory_symlink("data", dir + "/linked");
  write(dir + "/spellings.json",
        R"({"sources":[{"name":"a","paths":["data/*.jsonl","./data/docs.jsonl","data/../data/docs.jsonl",)"
        R"("linked/docs.jsonl"]}]})");
  const WorkPlan plan = plan_work(load_manifest(dir + "/spellings.json"), 0, 2);
  REQUIRE(plan.files.size() == 1);
  CHECK(plan.files[0].display_name == "data/docs.jsonl");
  CHECK(plan.units.size() == 1);
}

TEST_CASE("the work plan splits large plain files, keeps compressed files whole, and covers every unit once") {
  auto dir = testing::scratch_dir("work_plan");
  write(dir + "/big.jsonl", std::string(10000, 'x'));
  write(dir + "/small.jsonl.zst", std::string(5000, 'y'));
  write(dir + "/m.json", R"({"sources":[{"name":"s","paths":["*.jsonl","*.zst"]}]})");
  Manifest m = load_manifest(dir + "/m.json");
  for (int ranks : {1, 2, 3, 4}) {
    WorkPlan plan = plan_work(m, 3000, ranks);
    REQUIRE(plan.files.size() == 2);
    CHECK(plan.units.size() == 5);  // 4 ranges of big.jsonl, small.jsonl.zst whole
    std::vector<int> seen(plan.units.size(), 0);
    for (const auto& units : plan.assignment)
      for (size_t u : units) ++seen[u];
    CHECK(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }));
    CHECK(plan.files[0].display_name == "big.jsonl");
  }
}
