// The whole path the demo takes, small: a generated world, a BPE trained on it, curate
// packing with it, a tiny model trained from scratch, score with that model, continued
// pretraining with soft weighting, and evaluation on the world's questions. Each step
// reads only what the step before wrote.
#include "tests/catch.h"
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"

using nlohmann::json;
namespace fs = std::filesystem;
using mucpt::testing::build_dir;
using mucpt::testing::run_command;

namespace {

std::string mpirun() { return "mpirun --allow-run-as-root --oversubscribe -np 2 " + build_dir() + "/"; }

void run(const std::string& command) {
  auto r = run_command(command);
  INFO(command << "\n" << r.output);
  REQUIRE(r.exit_code == 0);
}

std::vector<json> metrics(const std::string& run_dir) {
  std::vector<json> lines;
  std::ifstream in(run_dir + "/metrics.jsonl");
  for (std::string l; std::getline(in, l);) lines.push_back(json::parse(l));
  return lines;
}

}  // namespace

TEST_CASE("raw text to a scored model: synth, tokenizer, curate, train, score, train with weights, evaluate") {
  const std::string dir = mucpt::testing::scratch_dir("model_chain");
  const std::string world = dir + "/world", tokens = dir + "/curated/tokens";
  run(build_dir() + "/synth --docs 400 --seed 3 --output " + world);
  run(build_dir() + "/train-tokenizer --input " + world + "/sources/encyclopedia.jsonl.zst " + world +
      "/sources/reviews.jsonl.zst --vocab-size 1024 --output " + dir + "/tokenizer.json");
  run(mpirun() + "curate --manifest " + world + "/manifest.json --output " + dir +
      "/curated --curate.progress=false --tokenizer " + dir + "/tokenizer.json");
  json dataset = json::parse(std::ifstream(tokens + "/dataset.json"));
  REQUIRE(dataset["vocab_size"] == 1024);
  REQUIRE(dataset["tokens"].get<uint64_t>() > 20000);

  fs::create_directories(dir + "/tiny");
  std::ofstream(dir + "/tiny/config.json") << json{{"model_type", "llama"},        {"vocab_size", 1024},
                                                   {"hidden_size", 64},            {"intermediate_size", 172},
                                                   {"num_hidden_layers", 2},       {"num_attention_heads", 4},
                                                   {"num_key_value_heads", 2},     {"max_position_embeddings", 128},
                                                   {"tie_word_embeddings", true}}.dump();
  const std::string common = " --data " + tokens + " --seq_len 64 --batch_size 4 --threads 1";
  run(mpirun() + "train --model " + dir + "/tiny --init random --output " + dir + "/rm --steps 30 --save_every 10 " +
      "--lr 0.005 --warmup 3" + common);
  auto rm = metrics(dir + "/rm");
  REQUIRE(rm.size() == 30);
  CHECK(rm.back()["loss"].get<double>() < rm.front()["loss"].get<double>() - 0.5);
  CHECK(fs::exists(dir + "/rm/checkpoint-000030/tokenizer.json"));  // the data's tokenizer travels along

  run(mpirun() + "score --model " + dir + "/rm/checkpoint-000030 --data " + tokens + " --seq_len 64 --threads 1");
  json scored = json::parse(std::ifstream(tokens + "/refloss.json"));
  CHECK(scored["shards"].size() == dataset["shards"].size());
  CHECK(scored["mean_loss"].get<double>() < rm.front()["loss"].get<double>());

  run(mpirun() + "train --model " + dir + "/rm/checkpoint-000010 --output " + dir +
      "/cpt --steps 5 --weighting.mode soft --lr 0.001 --warmup 1" + common);
  CHECK(metrics(dir + "/cpt").size() == 5);

  run(mpirun() + "evaluate --benchmark " + world + "/benchmark/music_qa.jsonl --model " + dir +
      "/cpt/checkpoint-000005 --max_new_tokens 6 --threads 1 --output " + dir + "/eval");
  json report = json::parse(std::ifstream(dir + "/eval/report.json"));
  size_t questions = 0;
  std::ifstream bench(world + "/benchmark/music_qa.jsonl");
  for (std::string l; std::getline(bench, l);) questions += !l.empty();
  CHECK(report["items"] == questions);
  // The report counts the graded lines, one per question.
  std::map<std::string, uint64_t> grades;
  size_t graded = 0;
  std::ifstream lines(dir + "/eval/graded.jsonl");
  for (std::string l; std::getline(lines, l); ++graded) ++grades[json::parse(l)["grade"].get<std::string>()];
  CHECK(graded == questions);
  CHECK(report["correct"] == grades["CORRECT"]);
  CHECK(report["incorrect"] == grades["INCORRECT"]);
  CHECK(report["not_attempted"] == grades["NOT_ATTEMPTED"]);
}
