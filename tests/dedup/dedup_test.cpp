// Global de-duplication: MinHash and shingling units, then curate on a generated world
// against its ground truth, with the true Jaccard similarity computed here.
#include "tests/catch.h"
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/line_reader.h"
#include "curation/dedup/minhash.h"
#include "curation/dedup/shingles.h"
#include "tests/test_support.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// The test's own shingles: ASCII case folded, digits to 0, other ASCII symbols split
// words, each non-ASCII code point from U+3000 (CJK) a token; word 5-grams.
std::set<std::string> true_shingles(const std::string& text) {
  std::vector<std::string> tokens;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) tokens.push_back(word);
    word.clear();
  };
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (std::isalpha(c)) word += static_cast<char>(std::tolower(c));
      else if (std::isdigit(c)) word += '0';
      else flush();
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    bool cjk = c >= 0xE3;  // lead bytes of U+3000 and above
    if (cjk) {
      flush();
      tokens.push_back(text.substr(i, len));
    } else {
      word += text.substr(i, len);
    }
    i += len;
  }
  flush();
  std::set<std::string> shingles;
  for (size_t i = 0; i + 5 <= tokens.size() || (i == 0 && !tokens.empty()); ++i) {
    std::string s;
    for (size_t k = i; k < std::min(tokens.size(), i + 5); ++k) s += tokens[k] + " ";
    shingles.insert(s);
  }
  return shingles;
}

double true_jaccard(const std::string& a, const std::string& b) {
  auto A = true_shingles(a), B = true_shingles(b);
  size_t common = 0;
  for (const auto& s : A) common += B.count(s);
  size_t all = A.size() + B.size() - common;
  return all ? static_cast<double>(common) / static_cast<double>(all) : 1.0;
}

std::map<std::string, json> read_docs(const std::string& dir) {
  std::map<std::string, json> docs;
  if (!fs::exists(dir)) return docs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    LineReader reader(entry.path().string());
    std::string_view line;
    while (reader.next(line)) {
      json doc = json::parse(line);
      docs[doc["id"].get<std::string>()] = doc;
    }
  }
  return docs;
}

std::vector<json> read_jsonl(const std::string& path) {
  std::vector<json> rows;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) rows.push_back(json::parse(line));
  return rows;
}

struct Curated {
  std::string world, out;
};

const Curated& curated_world() {
  static Curated c = [] {
    Curated r;
    r.world = testing::scratch_dir("dedup_world");
    REQUIRE(testing::run_command(testing::build_dir() + "/synth --docs 3000 --seed 21 --output " + r.world).exit_code == 0);
    r.out = r.world + "/out";
    auto run = testing::run_command("mpirun --allow-run-as-root --oversubscribe -np 2 " + testing::build_dir() +
                                    "/curate --manifest " + r.world + "/manifest.json --output " + r.out +
                                    " --curate.progress=false");
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    return r;
  }();
  return c;
}

}  // namespace

TEST_CASE("MinHash digests estimate the Jaccard similarity, and 20 x 5 bands catch 0.8 at >= 0.95") {
  CHECK(lsh_catch_probability(0.8, 20, 5) >= 0.95);
  CHECK(lsh_catch_probability(0.8, 14, 8) < 0.95);  // datatrove's default, for contrast
  MinHasher hasher(20, 5, 42);
  std::vector<uint64_t> a, b, sa, sb;
  for (uint64_t i = 0; i < 1000; ++i) a.push_back(i * 0x9E3779B97F4A7C15ULL + 1);
  b.assign(a.begin() + 200, a.end());  // shares 800 of 1000: Jaccard 0.8
  for (uint64_t i = 0; i < 200; ++i) b.push_back(i * 0xC2B2AE3D27D4EB4FULL + 7);
  hasher.signature(a, sa);
  hasher.signature(b, sb);
  std::vector<uint8_t> da, db;
  for (size_t i = 0; i < sa.size(); ++i) {
    da.push_back(MinHasher::digest(sa[i]));
    db.push_back(MinHasher::digest(sb[i]));
  }
  double est = estimate_jaccard(da.data(), db.data(), hasher.permutations());
  CHECK(est == Approx(800.0 / 1200.0).margin(0.12));
  CHECK(estimate_jaccard(da.data(), da.data(), hasher.permutations()) == Approx(1.0));
}

TEST_CASE("shingles fold case, accents, punctuation and digits, and CJK is cut by characters") {
  CHECK(shingle_hashes("The Café band, released 1994 albums!", 3, 1) ==
        shingle_hashes("the cafe BAND released 2003 albums", 3, 1));
  CHECK(shingle_hashes("one two three four five six", 5, 1).size() == 2);
  CHECK(shingle_hashes("这张专辑发行于", 5, 1).size() == 3);  // 7 characters, 3 five-grams
  CHECK(shingle_hashes("short", 5, 1).size() == 1);
  CHECK(shingle_hashes("", 5, 1).empty());
}

TEST_CASE("on the generated world, exact copies leave one keeper and near duplicates are found") {
  const auto& c = curated_world();
  auto truth = read_jsonl(c.world + "/truth/documents.jsonl");
  auto kept = read_docs(c.out + "/docs");
  auto removed = read_docs(c.out + "/rejects/dedup");
  std::map<std::string, std::string> text;
  for (const auto& [id, d] : kept) text[id] = d["text"];
  for (const auto& [id, d] : removed) text[id] = d["text"];

  // Exact: every group of identical documents that reached de-duplication (earlier
  // stages may drop spam or boilerplate copies) keeps exactly one.
  std::map<std::string, std::set<std::string>> groups;
  for (const auto& t : truth)
    if (t["kind"] == "exact_duplicate") {
      std::string original = t["duplicate_of"];
      groups[original].insert(original);
      groups[original].insert(t["id"].get<std::string>());
    }
  REQUIRE(groups.size() > 50);
  size_t reached_groups = 0;
  for (const auto& [original, members] : groups) {
    size_t survivors = 0, reached = 0;
    for (const auto& m : members) {
      survivors += kept.count(m);
      reached += kept.count(m) + removed.count(m);
    }
    if (reached == 0) continue;
    ++reached_groups;
    INFO(original);
    CHECK(survivors == 1);
  }
  CHECK(reached_groups > 50);

  // Near: recall over ground-truth pairs whose true Jaccard is at least 0.8.
  size_t pairs = 0, caught = 0;
  std::ostringstream missed;
  for (const auto& cluster : read_jsonl(c.world + "/truth/near_duplicates.jsonl")) {
    std::string original = cluster["original"];
    for (const auto& m : cluster["members"]) {
      std::string copy = m;
      if (copy == original || !text.count(copy) || !text.count(original)) continue;
      double j = true_jaccard(text[original], text[copy]);
      if (j < 0.8) continue;
      ++pairs;
      if (kept.count(original) && kept.count(copy)) missed << copy << " (J " << j << ") ";
      else ++caught;
    }
  }
  double recall = pairs ? static_cast<double>(caught) / static_cast<double>(pairs) : 0.0;

  // Precision: a removal is right when the document is a ground-truth copy or truly
  // similar to the document kept in its place.
  std::set<std::string> related;
  for (const auto& [o, members] : groups) related.insert(members.begin(), members.end());
  for (const auto& cluster : read_jsonl(c.world + "/truth/near_duplicates.jsonl"))
    for (const auto& m : cluster["members"]) related.insert(m.get<std::string>());
  std::map<std::string, std::string> id_at;
  for (const auto& t : truth)
    if (t["id"].is_string()) id_at[t["file"].get<std::string>() + ":" + std::to_string(t["line"].get<int>())] = t["id"];
  size_t wrong = 0, similar_not_labelled = 0;
  for (const auto& [id, doc] : removed) {
    std::string keeper = id_at[doc["duplicate_of"].get<std::string>()];
    REQUIRE(kept.count(keeper));  // the document kept in its place is in the output
    if (related.count(id)) continue;
    if (true_jaccard(text[id], text[keeper]) >= 0.5) ++similar_not_labelled;
    else ++wrong;
  }
  double precision = 1.0 - static_cast<double>(wrong) / static_cast<double>(removed.size());
  WARN("dedup on " << truth.size() << " lines: near-duplicate recall " << recall << " (" << caught << " of " << pairs
                   << " pairs with true Jaccard >= 0.8; missed: " << missed.str() << "), precision " << precision
                   << " (" << removed.size() << " removed; " << similar_not_labelled
                   << " unlabelled but truly similar, e.g. one album's track list rendered twice)");
  CHECK(pairs > 50);
  CHECK(recall >= 0.95);
  CHECK(precision >= 0.99);
}

TEST_CASE("the keeper of each group follows the rule: source priority, then the global document id") {
  const auto& c = curated_world();
  json manifest = json::parse(std::ifstream(c.world + "/manifest.json"));
  std::map<std::string, int> priority, file_order;
  int index = 0;
  for (const auto& s : manifest["sources"]) {
    priority[s["name"]] = s["priority"];
    for (const auto& p : s["paths"]) file_order[p.get<std::string>()] = index++;
  }
  auto source_of = [&](const std::string& name) {
    std::string file = name.substr(0, name.rfind(':'));
    for (const auto& s : manifest["sources"])
      for (const auto& p : s["paths"])
        if (p == file) return s["name"].get<std::string>();
    return std::string();
  };
  size_t checked = 0;
  for (const auto& [id, doc] : read_docs(c.out + "/rejects/dedup")) {
    if (doc["reason"] != "exact_duplicate") continue;
    std::string keeper = doc["duplicate_of"];
    std::string removed_at = doc["file"].get<std::string>() + ":" + std::to_string(doc["line"].get<int>());
    int pk = priority[source_of(keeper)], pr = priority[doc["source"].get<std::string>()];
    INFO(removed_at << " kept " << keeper);
    CHECK(pk >= pr);
    if (pk == pr) {
      auto file_of = [](const std::string& n) { return n.substr(0, n.rfind(':')); };
      auto line_of = [](const std::string& n) { return std::stoul(n.substr(n.rfind(':') + 1)); };
      bool earlier = file_order[file_of(keeper)] < file_order[file_of(removed_at)] ||
                     (file_of(keeper) == file_of(removed_at) && line_of(keeper) < line_of(removed_at));
      CHECK(earlier);
    }
    ++checked;
  }
  CHECK(checked > 50);
}

TEST_CASE("the cluster file explains every removal, and drop-all mode keeps no exact copy") {
  const auto& c = curated_world();
  std::set<std::string> members;
  size_t lines = 0;
  for (const auto& entry : fs::directory_iterator(c.out + "/dedup")) {
    for (const auto& cluster : read_jsonl(entry.path().string())) {
      ++lines;
      CHECK(cluster["members"].size() >= 2);
      for (const auto& m : cluster["members"]) members.insert(m);
    }
  }
  CHECK(lines > 100);
  for (const auto& [id, doc] : read_docs(c.out + "/rejects/dedup"))
    CHECK(members.count(doc["file"].get<std::string>() + ":" + std::to_string(doc["line"].get<int>())));
  json report = json::parse(std::ifstream(c.out + "/report.json"));
  CHECK(report["dedup"]["peak_bytes_per_document"].get<double>() > 0);

  std::string all = c.world + "/drop_all";
  auto run = testing::run_command(testing::build_dir() + "/curate --manifest " + c.world + "/manifest.json --output " +
                                  all + " --curate.progress=false --dedup.drop_all_copies=true --dedup.near=false");
  REQUIRE(run.exit_code == 0);
  auto kept = read_docs(all + "/docs");
  for (const auto& t : read_jsonl(c.world + "/truth/documents.jsonl"))
    if (t["kind"] == "exact_duplicate") CHECK_FALSE(kept.count(t["id"].get<std::string>()));
}

TEST_CASE("texts without letters or digits have no shingles: none is a near duplicate, identical ones are exact") {
  auto dir = testing::scratch_dir("dedup_no_shingles");
  fs::create_directories(dir + "/data");
  std::ofstream(dir + "/data/a.jsonl") << R"({"id":"notes","text":"♪ ♫ ♩ ♬ ♪ ♫ ♩ ♬"})" "\n"
                                        R"({"id":"rule","text":"|-----|=====|-----|"})" "\n"
                                        R"({"id":"dots","text":". . . ! ? ..."})" "\n"
                                        R"({"id":"notes_again","text":"♪ ♫ ♩ ♬ ♪ ♫ ♩ ♬"})" "\n";
  std::ofstream(dir + "/m.json") << R"({"name":"m","sources":[{"name":"s","paths":["data/a.jsonl"]}]})";
  auto run = testing::run_command(testing::build_dir() + "/curate --manifest " + dir + "/m.json --output " + dir +
                                  "/out --curate.progress=false --length.min_chars=1 --gopher_quality.enabled=false"
                                  " --gopher_repetition.enabled=false --c4.enabled=false --fineweb.enabled=false"
                                  " --boilerplate.enabled=false");
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  auto kept = read_docs(dir + "/out/docs");
  auto removed = read_docs(dir + "/out/rejects/dedup");
  CHECK(kept.size() == 3);
  CHECK((kept.count("notes") && kept.count("rule") && kept.count("dots")));
  REQUIRE(removed.size() == 1);
  CHECK(removed.count("notes_again"));
  CHECK(removed.begin()->second["reason"] == "exact_duplicate");
  CHECK(removed.begin()->second["duplicate_of"] == "data/a.jsonl:1");
}

TEST_CASE("a rerun writes the same removals files byte for byte: no record carries unset memory") {
  const auto& c = curated_world();
  const std::string again = c.world + "/again";
  auto run = testing::run_command("mpirun --allow-run-as-root --oversubscribe -np 2 " + testing::build_dir() +
                                  "/curate --manifest " + c.world + "/manifest.json --output " + again +
                                  " --curate.progress=false");
  INFO(run.output);
  REQUIRE(run.exit_code == 0);
  auto bytes_of = [](const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  size_t files = 0, bytes = 0;
  for (const auto& entry : fs::directory_iterator(c.out + "/stream/removals")) {
    INFO(entry.path().filename());
    const std::string first = bytes_of(entry.path());
    const std::string second = bytes_of(again + "/stream/removals/" + entry.path().filename().string());
    REQUIRE(second.size() == first.size());
    size_t differing = 0;
    for (size_t i = 0; i < first.size(); ++i) differing += first[i] != second[i];
    CHECK(differing == 0);
    ++files;
    bytes += first.size();
  }
  CHECK(files > 1);
  CHECK(bytes > 1000);
}
