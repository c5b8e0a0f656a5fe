// Packing: curate --tokenizer writes Megatron shards that an independent reader (the
// Python script written from the format description) reads back with the documents,
// token counts and ids the tokenize command gives for the same texts.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/line_reader.h"
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

std::string curate_with(const std::string& world, const std::string& out, const std::string& tokenizer, int ranks) {
  auto r = testing::run_command("mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " " +
                                testing::build_dir() + "/curate --manifest " + world + "/manifest.json --output " + out +
                                " --curate.progress=false --tokenizer " + tokenizer);
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  return out;
}

}  // namespace

TEST_CASE("curate packs the kept documents into Megatron shards that an independent reader reads back") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::string world = testing::scratch_dir("packing_world");
  REQUIRE(testing::run_command(testing::build_dir() + "/synth --docs 600 --seed 4 --output " + world).exit_code == 0);
  std::string out = curate_with(world, world + "/gpt2", data + "/tokenizers/gpt2", 2);

  json report = json::parse(std::ifstream(out + "/report.json"));
  json dataset = json::parse(std::ifstream(out + "/tokens/dataset.json"));
  CHECK(dataset["dtype"] == "uint16");
  CHECK(dataset["eos_id"] == 50256);
  uint64_t documents = 0, tokens = 0;
  for (const auto& shard : dataset["shards"]) {
    json read = read_shard(out + "/tokens/" + shard["shard"].get<std::string>());
    CHECK(read["dtype"] == "uint16");
    CHECK(read["documents"].size() == shard["documents"].get<size_t>());
    uint64_t shard_tokens = 0;
    for (const auto& doc : read["documents"]) {
      REQUIRE(!doc.empty());
      CHECK(doc.back() == 50256);
      shard_tokens += doc.size();
    }
    CHECK(shard_tokens == shard["tokens"].get<uint64_t>());
    documents += read["documents"].size();
    tokens += shard_tokens;
  }
  CHECK(documents == report["docs_out"].get<uint64_t>());
  CHECK(tokens == dataset["tokens"].get<uint64_t>());

  // The first shard's ids equal what the tokenize command gives for the same texts.
  std::string texts = out + "/texts.jsonl";
  {
    std::ofstream lines(texts);
    LineReader reader(out + "/docs/part-000000.jsonl.zst");
    std::string_view line;
    while (reader.next(line)) lines << json(json::parse(line)["text"]).dump() << "\n";
  }
  auto r = testing::run_command(testing::build_dir() + "/tokenize --tokenizer " + data +
                                "/tokenizers/gpt2 --jsonl --no-special --input " + texts);
  REQUIRE(r.exit_code == 0);
  json shard0 = read_shard(out + "/tokens/part-000000");
  std::istringstream ids(r.output);
  std::string row;
  size_t k = 0;
  while (std::getline(ids, row)) {
    json expected = json::parse(row);
    expected.push_back(50256);
    REQUIRE(k < shard0["documents"].size());
    CHECK(shard0["documents"][k] == expected);
    ++k;
  }
  CHECK(k == shard0["documents"].size());
}

TEST_CASE("a vocabulary above 65,500 tokens packs int32, and a bad tokenizer path stops curate") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::string world = testing::scratch_dir("packing_world_qwen");
  REQUIRE(testing::run_command(testing::build_dir() + "/synth --docs 300 --seed 5 --output " + world).exit_code == 0);
  std::string out = curate_with(world, world + "/qwen", data + "/tokenizers/qwen2/qwen3_tokenizer.json.gz", 1);
  json dataset = json::parse(std::ifstream(out + "/tokens/dataset.json"));
  CHECK(dataset["dtype"] == "int32");
  CHECK(read_shard(out + "/tokens/part-000000")["dtype"] == "int32");

  auto bad = testing::run_command(testing::build_dir() + "/curate --manifest " + world + "/manifest.json --output " +
                                  world + "/bad --tokenizer " + world + "/no-such-tokenizer.json");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("no-such-tokenizer.json"));
}
