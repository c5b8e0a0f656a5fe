// Packing: curate --tokenizer writes Megatron shards that an independent reader (the
// Python script written from the format description) reads back with the documents,
// token counts and ids the tokenize command gives for the same texts, each document
// repeated as its source weight times its own weight says.
#include "tests/catch.h"
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/line_reader.h"
#include "common/line_writer.h"
#include "tests/test_support.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json read_shard(const std::string& prefix) {
  auto r = testing::run_command("python3 " + testing::source_dir() + "/tests/megatron/read_indexed_dataset.py " + prefix);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.output);
}

std::string curate_with(const std::string& world, const std::string& out, const std::string& tokenizer, int ranks,
                        const std::string& options = "") {
  auto r = testing::run_command("mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " " +
                                testing::build_dir() + "/curate --manifest " + world + "/manifest.json --output " + out +
                                " --curate.progress=false --tokenizer " + tokenizer + " " + options);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  return out;
}

// Every entry of every shard dataset.json lists, checked against the shard's counts.
std::vector<json> read_all_entries(const std::string& out, const json& dataset, uint64_t eos) {
  std::vector<json> entries;
  uint64_t tokens = 0;
  for (const auto& shard : dataset["shards"]) {
    json read = read_shard(out + "/tokens/" + shard["shard"].get<std::string>());
    CHECK(read["dtype"] == dataset["dtype"]);
    CHECK(read["documents"].size() == shard["documents"].get<size_t>());
    uint64_t shard_tokens = 0;
    for (const auto& doc : read["documents"]) {
      REQUIRE(!doc.empty());
      CHECK(doc.back() == eos);
      shard_tokens += doc.size();
      entries.push_back(doc);
    }
    CHECK(shard_tokens == shard["tokens"].get<uint64_t>());
    tokens += shard_tokens;
  }
  CHECK(tokens == dataset["tokens"].get<uint64_t>());
  CHECK(entries.size() == dataset["entries"].get<size_t>());
  return entries;
}

struct KeptDocument {
  std::string source;
  double weight = 1.0;
  json ids;  // as the tokenize command gives them, EOS appended
};

// The kept documents of docs/ with the ids the tokenize command gives for their texts.
std::vector<KeptDocument> kept_documents(const std::string& out, const std::string& tokenizer, uint64_t eos) {
  std::vector<KeptDocument> docs;
  std::string texts = out + "/texts.jsonl";
  {
    std::ofstream lines(texts);
    std::vector<fs::path> parts;
    for (const auto& entry : fs::directory_iterator(out + "/docs")) parts.push_back(entry.path());
    std::sort(parts.begin(), parts.end());
    for (const auto& part : parts) {
      LineReader reader(part.string());
      std::string_view line;
      while (reader.next(line)) {
        json doc = json::parse(line);
        docs.push_back({doc["source"], doc["weight"], {}});
        lines << json(doc["text"]).dump() << "\n";
      }
    }
  }
  auto r = testing::run_command(testing::build_dir() + "/tokenize --tokenizer " + tokenizer +
                                " --jsonl --no-special --input " + texts);
  REQUIRE(r.exit_code == 0);
  std::istringstream rows(r.output);
  std::string row;
  size_t k = 0;
  while (std::getline(rows, row)) {
    REQUIRE(k < docs.size());
    docs[k].ids = json::parse(row);
    docs[k].ids.push_back(eos);
    ++k;
  }
  REQUIRE(k == docs.size());
  return docs;
}

std::string six_digits(size_t n) {
  char text[24];
  std::snprintf(text, sizeof text, "%06zu", n);
  return text;
}

std::map<std::string, size_t> count_entries(const std::vector<json>& entries) {
  std::map<std::string, size_t> counts;
  for (const auto& e : entries) ++counts[e.dump()];
  return counts;
}

}  // namespace

TEST_CASE("curate packs each kept document as often as its weights say, one shard per rank, for any rank count") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string gpt2 = data + "/tokenizers/gpt2";
  std::string world = testing::scratch_dir("packing_world");
  REQUIRE(testing::run_command(testing::build_dir() + "/synth --docs 600 --seed 4 --output " + world).exit_code == 0);
  std::string out = curate_with(world, world + "/gpt2", gpt2, 2);

  json report = json::parse(std::ifstream(out + "/report.json"));
  json dataset = json::parse(std::ifstream(out + "/tokens/dataset.json"));
  CHECK(dataset["dtype"] == "uint16");
  CHECK(dataset["eos_id"] == 50256);
  REQUIRE(dataset["shards"].size() == 2);
  CHECK(dataset["shards"][0]["shard"] == "rank-00000");
  CHECK(dataset["shards"][1]["shard"] == "rank-00001");
  std::vector<json> entries = read_all_entries(out, dataset, 50256);
  std::map<std::string, size_t> packed = count_entries(entries);

  // Each document appears floor(m) or ceil(m) times, m = source weight x its weight;
  // documents with the same ids are counted together.
  json manifest = json::parse(std::ifstream(world + "/manifest.json"));
  std::map<std::string, double> source_weight;
  for (const auto& s : manifest["sources"]) source_weight[s["name"]] = s["weight"];
  std::vector<KeptDocument> docs = kept_documents(out, gpt2, 50256);
  REQUIRE(docs.size() == report["docs_out"].get<size_t>());
  std::map<std::string, std::pair<double, double>> allowed;  // ids -> [least, most] copies
  std::map<std::string, uint64_t> source_entries, source_documents;
  double expected_total = 0, variance = 0;
  for (const auto& d : docs) {
    double m = source_weight.at(d.source) * d.weight;
    auto& range = allowed[d.ids.dump()];
    range.first += std::floor(m);
    range.second += std::ceil(m);
    expected_total += m;
    variance += (m - std::floor(m)) * (std::ceil(m) - m);
    ++source_documents[d.source];
  }
  size_t repeated = 0, dropped = 0;
  for (const auto& [ids, range] : allowed) {
    size_t n = packed.count(ids) ? packed.at(ids) : 0;
    CHECK(n >= range.first);
    CHECK(n <= range.second);
    repeated += n > 1;
    dropped += n == 0;
  }
  for (const auto& [ids, n] : packed) CHECK(allowed.count(ids));
  // The fractions are decided by a hash: the total stays within four standard deviations.
  CHECK(std::abs(static_cast<double>(entries.size()) - expected_total) <= 4 * std::sqrt(variance) + 1);
  CHECK(repeated > 0);  // the encyclopedia's weight 1.5 repeats about half of its documents
  CHECK(dropped > 0);   // general text's 0.3 keeps about a third
  for (const auto& [source, counts] : dataset["sources"].items()) {
    CHECK(counts["documents"] == source_documents[source]);
    source_entries[source] = counts["entries"];
  }
  uint64_t all_entries = 0;
  for (const auto& [_, n] : source_entries) all_entries += n;
  CHECK(all_entries == entries.size());
  CHECK(dataset["entries"] == entries.size());
  CHECK(dataset["documents"] == docs.size());  // the curated documents, each once
  CHECK(report["tokens"] == dataset["sources"]);
  std::ifstream md(out + "/report.md");
  CHECK_THAT(std::string(std::istreambuf_iterator<char>(md), {}), Catch::Contains("## Tokens"));

  SECTION("one rank, one shard per unit: the same entries") {
    std::string unit_out = curate_with(world, world + "/gpt2-units", gpt2, 1, "--packing.shards=unit");
    json units = json::parse(std::ifstream(unit_out + "/tokens/dataset.json"));
    CHECK(units["shards"][0]["shard"] == "part-000000");
    CHECK(count_entries(read_all_entries(unit_out, units, 50256)) == packed);
    CHECK(units["sources"] == dataset["sources"]);
  }
  SECTION("a rerun on one rank repacks into one shard and removes the second") {
    curate_with(world, out, gpt2, 1);
    json again = json::parse(std::ifstream(out + "/tokens/dataset.json"));
    REQUIRE(again["shards"].size() == 1);
    CHECK(!fs::exists(out + "/tokens/rank-00001.bin"));
    CHECK(!fs::exists(out + "/tokens/rank-00001.idx"));
    CHECK(count_entries(read_all_entries(out, again, 50256)) == packed);
  }
}

TEST_CASE("without mixing every kept document is packed once, in the order of docs/") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string gpt2 = data + "/tokenizers/gpt2";
  std::string world = testing::scratch_dir("packing_world_once");
  REQUIRE(testing::run_command(testing::build_dir() + "/synth --docs 400 --seed 6 --output " + world).exit_code == 0);
  std::string out = curate_with(world, world + "/gpt2", gpt2, 2, "--packing.shards=unit --mixing.enabled=false");
  json dataset = json::parse(std::ifstream(out + "/tokens/dataset.json"));
  std::vector<json> entries = read_all_entries(out, dataset, 50256);
  std::vector<KeptDocument> docs = kept_documents(out, gpt2, 50256);
  REQUIRE(entries.size() == docs.size());
  for (size_t k = 0; k < docs.size(); ++k) CHECK(entries[k] == docs[k].ids);

  // The blend weights each shard by its tokens times its source's weight (the share of all
  // tokens): each source's part is what mixing by repetition would pack of it.
  json manifest = json::parse(std::ifstream(world + "/manifest.json"));
  std::istringstream blend(dataset["megatron_data_path"].get<std::string>());
  std::map<std::string, double> blend_per_source;
  double weight;
  std::string prefix;
  while (blend >> weight >> prefix) {
    for (const auto& shard : dataset["shards"])
      if (shard["shard"] == prefix) blend_per_source[shard["sources"].begin().key()] += weight;
  }
  const double total = dataset["tokens"].get<double>();
  for (const auto& s : manifest["sources"]) {
    const double tokens = dataset["sources"][s["name"].get<std::string>()]["tokens"].get<double>();
    if (tokens == 0) continue;
    CHECK(blend_per_source[s["name"]] == Approx(s["weight"].get<double>() * tokens / total).epsilon(1e-4));
  }
}

TEST_CASE("the final pass packs as it writes, and a rerun packs the units written before it from docs/, to the same bytes") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string gpt2 = data + "/tokenizers/gpt2";
  std::string world = testing::scratch_dir("packing_world_resume");
  REQUIRE(testing::run_command(testing::build_dir() + "/synth --docs 400 --seed 8 --output " + world).exit_code == 0);
  for (const std::string shards : {"rank", "unit"}) {
    const std::string options = "--packing.shards=" + shards;
    const std::string whole = curate_with(world, world + "/whole-" + shards, gpt2, 2, options);
    // A run stopped after the final pass of some units, before any shard was written:
    // the rerun writes the others (packing them as it goes) and reads those back.
    const std::string resumed = world + "/resumed-" + shards;
    fs::copy(whole, resumed, fs::copy_options::recursive);
    fs::remove_all(resumed + "/tokens");
    for (const auto& entry : fs::directory_iterator(resumed + "/stats")) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("pack-", 0) == 0 || entry.path().extension() == ".texts") fs::remove(entry.path());
    }
    fs::remove(resumed + "/report.json");
    size_t units = 0;
    while (fs::exists(resumed + "/stats/final-" + six_digits(units) + ".json")) ++units;
    REQUIRE(units >= 4);
    for (size_t u = 0; u < units; u += 2) {
      REQUIRE(fs::remove(resumed + "/stats/final-" + six_digits(u) + ".json"));
      REQUIRE(fs::remove(resumed + "/docs/part-" + six_digits(u) + ".jsonl.zst"));
    }
    curate_with(world, resumed, gpt2, 2, options);
    std::vector<fs::path> written;
    for (const auto& entry : fs::directory_iterator(whole + "/tokens")) written.push_back(entry.path().filename());
    std::sort(written.begin(), written.end());
    CHECK(written.size() >= 4);
    for (const auto& name : written) {
      INFO(name);
      CHECK(read_small_file((fs::path(resumed) / "tokens" / name).string()) ==
            read_small_file((fs::path(whole) / "tokens" / name).string()));
    }
    CHECK(json::parse(std::ifstream(resumed + "/report.json"))["tokens"] ==
          json::parse(std::ifstream(whole + "/report.json"))["tokens"]);
  }
}

TEST_CASE("a vocabulary above 65,500 tokens packs int32, and a bad tokenizer path stops curate") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::string world = testing::scratch_dir("packing_world_qwen");
  REQUIRE(testing::run_command(testing::build_dir() + "/synth --docs 300 --seed 5 --output " + world).exit_code == 0);
  std::string out = curate_with(world, world + "/qwen", data + "/tokenizers/qwen2/qwen3_tokenizer.json.gz", 1);
  json dataset = json::parse(std::ifstream(out + "/tokens/dataset.json"));
  CHECK(dataset["dtype"] == "int32");
  CHECK(read_shard(out + "/tokens/rank-00000")["dtype"] == "int32");

  auto bad = testing::run_command(testing::build_dir() + "/curate --manifest " + world + "/manifest.json --output " +
                                  world + "/bad --tokenizer " + world + "/no-such-tokenizer.json");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("no-such-tokenizer.json"));

  // A tokenizer without an end-of-text token: documents would run together in a shard.
  auto trained = testing::run_command(testing::build_dir() + "/train-tokenizer --input " + world +
                                      "/sources/encyclopedia.jsonl.zst --vocab-size 400 --special '<eos>' --output " +
                                      world + "/no_eos.json");
  INFO(trained.output);
  REQUIRE(trained.exit_code == 0);
  auto no_eos = testing::run_command(testing::build_dir() + "/curate --manifest " + world + "/manifest.json --output " +
                                     world + "/no_eos --tokenizer " + world + "/no_eos.json");
  CHECK(no_eos.exit_code == 2);
  CHECK_THAT(no_eos.output, Catch::Contains("no_eos.json' has no end-of-text token"));
}
