// End to end: generate a small music world, curate it with mpirun on 1, 2 and 4 ranks,
// and check the accounting, the reject reasons, rank-independence and resuming.
#include "tests/catch.h"
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "common/line_reader.h"
#include "common/line_writer.h"
#include "tests/test_support.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string mpirun(int ranks) {
  return "mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " ";
}

std::string curate() { return testing::build_dir() + "/curate"; }

testing::CommandResult run_curate(int ranks, const std::string& manifest, const std::string& out,
                                  const std::string& extra = "") {
  return testing::run_command(mpirun(ranks) + curate() + " --manifest " + manifest + " --output " + out +
                              " --curate.progress=false " + extra);
}

std::vector<json> read_jsonl(const std::string& path) {
  std::vector<json> rows;
  LineReader reader(path);
  std::string_view line;
  while (reader.next(line)) rows.push_back(json::parse(line));
  return rows;
}

std::vector<std::string> sorted_lines_in(const std::string& dir) {
  std::vector<std::string> lines;
  if (!fs::exists(dir)) return lines;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    LineReader reader(entry.path().string());
    std::string_view line;
    while (reader.next(line)) lines.emplace_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// Each file's bytes by its path below dir.
std::map<std::string, std::string> bytes_in(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file())
      files[fs::relative(entry.path(), dir).string()] = read_small_file(entry.path().string());
  }
  return files;
}

json read_json(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

// One generated world per test binary run, plain JSONL so byte ranges are exercised.
const std::string& world() {
  static std::string dir = [] {
    std::string d = testing::scratch_dir("e2e_world");
    auto r = testing::run_command(testing::build_dir() + "/synth --docs 800 --seed 11 --compress none --output " + d);
    REQUIRE(r.exit_code == 0);
    return d;
  }();
  return dir;
}

}  // namespace

TEST_CASE("curate on 2 ranks accounts for every line and rejects malformed lines with their reasons") {
  std::string out = testing::scratch_dir("e2e_np2");
  auto r = run_curate(2, world() + "/manifest.json", out);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  json report = read_json(out + "/report.json");
  auto truth = read_jsonl(world() + "/truth/documents.jsonl");

  CHECK(report["docs_in"].get<size_t>() == truth.size());
  CHECK(report["docs_in"].get<uint64_t>() == report["docs_out"].get<uint64_t>() + report["docs_rejected"].get<uint64_t>());
  for (auto it = report["files"].begin(); it != report["files"].end(); ++it) {
    INFO(it.key());
    CHECK(it.value()["docs_in"].get<uint64_t>() ==
          it.value()["docs_out"].get<uint64_t>() + it.value()["docs_rejected"].get<uint64_t>());
  }
  CHECK(sorted_lines_in(out + "/docs").size() == report["docs_out"].get<size_t>());

  // Every malformed line of the ground truth is rejected by the parser, at its file
  // and line, for its reason.
  std::map<std::pair<std::string, uint64_t>, std::string> malformed;
  for (const auto& row : truth)
    if (row["kind"] == "malformed") malformed[{row["file"].get<std::string>(), row["line"].get<uint64_t>()}] = row["malformed_reason"];
  REQUIRE(malformed.size() >= 5);
  std::map<std::pair<std::string, uint64_t>, std::string> rejected;
  for (const auto& line : sorted_lines_in(out + "/rejects/parse")) {
    json j = json::parse(line);
    rejected[{j["file"].get<std::string>(), j["line"].get<uint64_t>()}] = j["reason"];
  }
  CHECK(rejected == malformed);
  std::set<std::string> reasons;
  for (const auto& [where, reason] : malformed) reasons.insert(reason);
  CHECK(reasons == std::set<std::string>{"invalid_json", "invalid_utf8", "missing_text", "non_string_text", "not_object"});
  for (const auto& reason : reasons) {
    size_t expected = 0;
    for (const auto& [where, r2] : malformed) expected += r2 == reason;
    CHECK(report["stages"]["parse"]["rejected"][reason].get<size_t>() == expected);
  }
  CHECK(fs::exists(out + "/report.md"));
}

TEST_CASE("1, 2 and 4 ranks keep the same documents, with and without byte-range splits") {
  std::string one = testing::scratch_dir("e2e_np1");
  std::string four = testing::scratch_dir("e2e_np4");
  std::string two = testing::scratch_dir("e2e_np2_split");
  REQUIRE(run_curate(1, world() + "/manifest.json", one).exit_code == 0);
  REQUIRE(run_curate(4, world() + "/manifest.json", four, "--curate.split_bytes=40000").exit_code == 0);
  REQUIRE(run_curate(2, world() + "/manifest.json", two, "--curate.split_bytes=40000").exit_code == 0);
  auto docs1 = sorted_lines_in(one + "/docs");
  REQUIRE(docs1.size() > 300);
  CHECK(sorted_lines_in(four + "/docs") == docs1);
  CHECK(sorted_lines_in(two + "/docs") == docs1);
  CHECK(sorted_lines_in(four + "/rejects") == sorted_lines_in(one + "/rejects"));
  CHECK(read_json(four + "/report.json")["files"] == read_json(one + "/report.json")["files"]);
  // Distinct similar pairs, however the bands are spread over the ranks.
  const auto pairs = read_json(one + "/report.json")["dedup"]["confirmed_pairs"];
  CHECK(pairs.get<uint64_t>() > 0);
  CHECK(read_json(four + "/report.json")["dedup"]["confirmed_pairs"] == pairs);
  CHECK(read_json(two + "/report.json")["dedup"]["confirmed_pairs"] == pairs);
}

TEST_CASE("a rerun resumes: finished units are skipped and a lost unit is redone identically") {
  std::string out = testing::scratch_dir("e2e_resume");
  REQUIRE(run_curate(2, world() + "/manifest.json", out).exit_code == 0);
  // Every file of the run but those that tell of the run itself (timings, the units
  // each rank ran): statistics, markers, the report.
  const auto outputs = [&out] {
    auto files = bytes_in(out);
    for (auto it = files.begin(); it != files.end();) {
      const std::string& path = it->first;
      const bool of_the_run = path.rfind("stats/", 0) == 0 || path.rfind("markers/", 0) == 0 ||
                              path.rfind("report.", 0) == 0;
      it = of_the_run ? files.erase(it) : std::next(it);
    }
    return files;
  };
  const auto before = outputs();
  const auto inode = [&out](const std::string& path) {
    struct stat st {};
    REQUIRE(::stat((out + "/" + path).c_str(), &st) == 0);
    return st.st_ino;
  };
  const std::string streamed = "stream/docs/part-000000.jsonl.zst", written = "docs/part-000000.jsonl.zst";
  const auto streamed_inode = inode(streamed), written_inode = inode(written);
  // A crash after unit 0 wrote its documents but before its statistics were written,
  // and its final pass lost with it: the unit is streamed, and its docs/ written, again.
  fs::remove(out + "/stats/unit-000000.json");
  fs::remove(out + "/stats/final-000000.json");
  auto r = run_curate(2, world() + "/manifest.json", out);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("already complete"));
  CHECK(inode(streamed) != streamed_inode);
  CHECK(inode(written) != written_inode);
  const auto after = outputs();
  std::vector<std::string> differing;
  for (const auto& [path, bytes] : before)
    if (!after.count(path) || after.at(path) != bytes) differing.push_back(path);
  CHECK(differing == std::vector<std::string>{});
  CHECK(after.size() == before.size());
  for (const auto& entry : fs::recursive_directory_iterator(out))
    CHECK(entry.path().string().find(".tmp.") == std::string::npos);

  auto changed = run_curate(2, world() + "/manifest.json", out, "--length.min_chars=10");
  CHECK(changed.exit_code == 2);
  CHECK_THAT(changed.output, Catch::Contains("length.min_chars"));
}

TEST_CASE("ranks that see the dedup marker differently (a shared file system) all follow rank 0") {
  // Each rank reads the output folder in its own working directory: rank 0 sees the
  // finished run, rank 1 a copy without stream/dedup.done.
  const std::string dir = testing::scratch_dir("e2e_marker_seen_apart");
  const std::string args =
      " " + curate() + " --manifest " + world() + "/manifest.json --output out --curate.progress=false";
  fs::create_directories(dir + "/0");
  fs::create_directories(dir + "/1");
  REQUIRE(testing::run_command(mpirun(2) + "--wdir " + dir + "/0" + args).exit_code == 0);
  fs::copy(dir + "/0/out", dir + "/1/out", fs::copy_options::recursive);
  fs::remove(dir + "/1/out/stream/dedup.done");
  const auto removals = bytes_in(dir + "/1/out/stream/removals");
  REQUIRE(removals.size() > 1);
  // Without agreement, rank 1 enters the collective dedup alone and waits forever.
  const std::string rank_in = " --allow-run-as-root --oversubscribe -np 1 --wdir " + dir;
  auto r = testing::run_command("timeout 120 mpirun" + rank_in + "/0" + args + " :" + rank_in + "/1" + args);
  INFO(r.output);
  CHECK(r.exit_code == 0);
  CHECK_FALSE(fs::exists(dir + "/1/out/stream/dedup.done"));
  CHECK(bytes_in(dir + "/1/out/stream/removals") == removals);
}

TEST_CASE("a run keeps its compiled privacy patterns, and a damaged file is compiled again, with the same output") {
  std::string out = testing::scratch_dir("e2e_compiled");
  REQUIRE(run_curate(2, world() + "/manifest.json", out).exit_code == 0);
  auto docs = sorted_lines_in(out + "/docs");
  std::vector<fs::path> compiled;
  for (const auto& entry : fs::directory_iterator(out + "/cache")) compiled.push_back(entry.path());
  REQUIRE(compiled.size() == 1);
  CHECK(compiled[0].filename().string().rfind("privacy-", 0) == 0);
  const std::string database = read_small_file(compiled[0].string());
  CHECK(database.size() > 1000);
  write_file_atomically(compiled[0].string(), "not a Hyperscan database");
  auto r = run_curate(2, world() + "/manifest.json", out, "--curate.resume=false");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK(sorted_lines_in(out + "/docs") == docs);
  const std::string again = read_small_file(compiled[0].string());
  CHECK(again.size() > 1000);
  CHECK(again != "not a Hyperscan database");
}

TEST_CASE("a line lost between the streaming phase and the final pass fails the run loudly") {
  std::string out = testing::scratch_dir("e2e_lost_line");
  REQUIRE(run_curate(2, world() + "/manifest.json", out).exit_code == 0);
  // Unit 0's streamed documents lose their last line, and its final pass is run again.
  const std::string streamed = out + "/stream/docs/part-000000.jsonl.zst";
  std::vector<std::string> lines;
  {
    LineReader reader(streamed);
    std::string_view line;
    while (reader.next(line)) lines.emplace_back(line);
  }
  REQUIRE(lines.size() > 1);
  {
    LineWriter writer(streamed);
    for (size_t i = 0; i + 1 < lines.size(); ++i) writer.write_line(lines[i]);
    writer.commit();
  }
  fs::remove(out + "/stats/final-000000.json");
  fs::remove(out + "/report.json");
  auto r = run_curate(2, world() + "/manifest.json", out);
  INFO(r.output);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.output, Catch::Contains("accounting:") && Catch::Contains("lines read but"));
  CHECK(!fs::exists(out + "/report.json"));
}

TEST_CASE("user errors exit with 2 and name what is wrong") {
  std::string out = testing::scratch_dir("e2e_errors");
  auto missing = run_curate(2, out + "/no-such-manifest.json", out);
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.output, Catch::Contains("no-such-manifest.json"));

  auto bad_key = run_curate(1, world() + "/manifest.json", out, "--length.min_charz=5");
  CHECK(bad_key.exit_code == 2);
  CHECK_THAT(bad_key.output, Catch::Contains("length.min_charz"));

  auto bad_value = run_curate(1, world() + "/manifest.json", out, "--length.min_chars=lots");
  CHECK(bad_value.exit_code == 2);
  CHECK_THAT(bad_value.output, Catch::Contains("length.min_chars"));

  std::ofstream(out + "/m.json") << R"({"sources":[{"name":"s","paths":["missing/*.jsonl"]}]})";
  auto no_files = run_curate(1, out + "/m.json", out + "/o");
  CHECK(no_files.exit_code == 2);
  CHECK_THAT(no_files.output, Catch::Contains("missing/*.jsonl"));

  // A file where the output needs a folder: the user's to move (exit 2), named.
  fs::create_directories(out + "/blocked");
  std::ofstream(out + "/blocked/docs") << "in the way\n";
  auto blocked = run_curate(1, world() + "/manifest.json", out + "/blocked");
  CHECK(blocked.exit_code == 2);
  CHECK_THAT(blocked.output, Catch::Contains(out + "/blocked/docs"));
}

TEST_CASE("hostile inputs are counted, never fatal: truncated zstd, empty file, a 100 MB line, binary garbage") {
  std::string dir = testing::scratch_dir("e2e_hostile");
  {
    std::ofstream good(dir + "/good.jsonl");
    for (int i = 0; i < 2000; ++i)
      good << R"({"id":"g)" << i << R"(","text":"A long enough line of text about a band and its record label, number )" << i << R"("})" << "\n";
  }
  REQUIRE(testing::run_command("zstd -q -f " + dir + "/good.jsonl -o " + dir + "/full.jsonl.zst").exit_code == 0);
  fs::copy_file(dir + "/full.jsonl.zst", dir + "/cut.jsonl.zst");
  fs::resize_file(dir + "/cut.jsonl.zst", fs::file_size(dir + "/full.jsonl.zst") / 2);
  std::ofstream(dir + "/empty.jsonl").close();
  {
    std::ofstream giant(dir + "/giant.jsonl");
    giant << R"({"id":"giant","text":")" << std::string(100u << 20, 'a') << "\"}\n";
    giant << R"({"id":"after","text":"The line after the giant one is still read and kept whole."})" << "\n";
  }
  {
    std::ofstream garbage(dir + "/garbage.jsonl", std::ios::binary);
    std::string bytes;
    for (int i = 0; i < 5000; ++i) bytes += static_cast<char>((i * 7919) % 256);
    garbage << bytes << "\n";
  }
  std::ofstream(dir + "/m.json") << R"({"sources":[{"name":"s","paths":["*.jsonl","*.jsonl.zst"]}]})";
  // The good lines differ only in a number, which de-duplication would fold together.
  auto r = run_curate(2, dir + "/m.json", dir + "/out", "--dedup.enabled=false");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("cut.jsonl.zst") && Catch::Contains("truncated"));
  json report = read_json(dir + "/out/report.json");
  CHECK(report["files"]["empty.jsonl"]["docs_in"] == 0);
  CHECK(report["files"]["giant.jsonl"]["docs_in"] == 2);
  CHECK(report["files"]["full.jsonl.zst"]["docs_in"] == 2000);
  CHECK(report["files"]["cut.jsonl.zst"]["errors"].size() == 1);
  CHECK(report["files"]["cut.jsonl.zst"]["docs_in"].get<int>() < 2000);
  CHECK(report["files"]["garbage.jsonl"]["docs_rejected"].get<int>() >= 1);
  CHECK(report["docs_in"].get<uint64_t>() == report["docs_out"].get<uint64_t>() + report["docs_rejected"].get<uint64_t>());
}
