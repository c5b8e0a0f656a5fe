// evaluate generate: held-out prompts (the golden prompt extended by the first k
// reference ids) continue with llama2.c's reference ids, with and without the cache;
// a file of such prompts decodes in batches, each line as its prompt alone; a text
// prompt is encoded and the continuation decoded with the tokenizer.
#include "tests/torch_catch.h"  // first: see there

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>
#include <nlohmann/json.hpp>

#include "common/tokenizer/tokenizer.h"
#include "common/tokenizer/tokenizer_loader.h"
#include "evaluation/generation/decodable_ids.h"
#include "tests/test_support.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/model/greedy.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string last_line(const std::string& output) {
  std::string text = output;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text.substr(text.rfind('\n') + 1);
}

std::string joined(const std::vector<int64_t>& ids, const char* separator) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? separator : "") + std::to_string(ids[i]);
  return out;
}

// llama2.c's golden prompt and the greedy ids that continue it.
std::pair<std::vector<int64_t>, std::vector<int64_t>> golden_ids(const std::string& folder) {
  json golden = json::parse(std::ifstream(folder + "/golden_greedy.json"));
  return {golden["prompt_ids"].get<std::vector<int64_t>>(), golden["greedy_ids"].get<std::vector<int64_t>>()};
}

}  // namespace

TEST_CASE("evaluate generate continues held-out stories260K prompts with the reference ids") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string folder = data + "/models/stories260K";
  const auto [prompt, reference] = golden_ids(folder);
  for (size_t k : {size_t(0), size_t(37), size_t(101), size_t(170)}) {
    std::vector<int64_t> ids = prompt;
    ids.insert(ids.end(), reference.begin(), reference.begin() + static_cast<long>(k));
    const std::vector<int64_t> expected(reference.begin() + static_cast<long>(k), reference.end());
    for (const char* cache : {"true", "false"}) {
      INFO("prompt of " << ids.size() << " ids, cache " << cache);
      auto r = testing::run_command(testing::build_dir() + "/evaluate generate --threads 1 --model " + folder +
                                    " --ids " + joined(ids, ",") + " --max_new_tokens " +
                                    std::to_string(expected.size()) + " --cache=" + cache);
      INFO(r.output);
      REQUIRE(r.exit_code == 0);
      CHECK(last_line(r.output) == joined(expected, " "));
    }
  }
  auto bad = testing::run_command(testing::build_dir() + "/evaluate generate --model " + folder + " --ids 1,9999");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("9999") && Catch::Contains("vocabulary of 512"));
  auto none = testing::run_command(testing::build_dir() + "/evaluate generate --model " + folder +
                                   " --ids 1,2 --max_new_tokens 0");
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.output, Catch::Contains("max_new_tokens: must be at least 1"));
}

TEST_CASE("evaluate generate --ids_file decodes prompts of different lengths in batches, each as alone, in order") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string folder = data + "/models/stories260K";
  const auto [prompt, reference] = golden_ids(folder);
  const std::string dir = testing::scratch_dir("generate_ids_file");
  const long max_new = 40;
  const std::vector<long> extensions{101, 0, 37, 5, 64};  // 2 batches of 3: the second one short
  {
    std::ofstream file(dir + "/prompts.txt");
    for (long k : extensions) {
      std::vector<int64_t> ids = prompt;
      ids.insert(ids.end(), reference.begin(), reference.begin() + k);
      file << joined(ids, ",") << "\n";
    }
  }
  auto r = testing::run_command(testing::build_dir() + "/evaluate generate --threads 1 --model " + folder +
                                " --ids_file " + dir + "/prompts.txt --gen_batch 3 --max_new_tokens " +
                                std::to_string(max_new));
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> lines;
  std::stringstream out(r.output);
  for (std::string line; std::getline(out, line);)
    if (line.rfind("[", 0) != 0) lines.push_back(line);  // not the log's line
  REQUIRE(lines.size() == extensions.size());
  for (size_t i = 0; i < extensions.size(); ++i) {
    INFO("prompt extended by " << extensions[i] << " reference ids");
    const std::vector<int64_t> expected(reference.begin() + extensions[i], reference.begin() + extensions[i] + max_new);
    CHECK(lines[i] == joined(expected, " "));
  }

  SECTION("a line that is not ids is named by file and line; an empty file and --ids beside it are refused") {
    std::ofstream(dir + "/bad.txt") << "1,2\n3,x\n";
    auto bad = testing::run_command(testing::build_dir() + "/evaluate generate --model " + folder + " --ids_file " +
                                    dir + "/bad.txt");
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.output,
               Catch::Contains(dir + "/bad.txt:2: ids: 'x' is not a token id (ids are separated by commas)"));
    std::ofstream(dir + "/spaces.txt") << "1,2\n" << joined(reference, " ") << "\n";  // a long line, spaces between
    auto spaces = testing::run_command(testing::build_dir() + "/evaluate generate --model " + folder + " --ids_file " +
                                       dir + "/spaces.txt");
    CHECK(spaces.exit_code == 2);
    CHECK_THAT(spaces.output, Catch::Contains(dir + "/spaces.txt:2: ids: '" + joined(reference, " ").substr(0, 40) +
                                              "...' is not a token id"));
    std::ofstream(dir + "/empty.txt").flush();
    auto empty = testing::run_command(testing::build_dir() + "/evaluate generate --model " + folder + " --ids_file " +
                                      dir + "/empty.txt");
    CHECK(empty.exit_code == 2);
    CHECK_THAT(empty.output, Catch::Contains("no prompt in it"));
    auto both = testing::run_command(testing::build_dir() + "/evaluate generate --model " + folder +
                                     " --ids 1,2 --ids_file " + dir + "/prompts.txt");
    CHECK(both.exit_code == 2);
    CHECK_THAT(both.output, Catch::Contains("--ids or --ids_file, not both"));
    std::ofstream(dir + "/outside.txt") << "1,2\n1,512\n";
    auto outside = testing::run_command(testing::build_dir() + "/evaluate generate --model " + folder +
                                        " --ids_file " + dir + "/outside.txt");
    CHECK(outside.exit_code == 2);
    CHECK_THAT(outside.output, Catch::Contains("prompt id 512 is outside the model's vocabulary of 512"));
    // Output that cannot be written (a full disk) fails the command.
    for (std::string prompts : {" --ids_file " + dir + "/prompts.txt", std::string(" --ids 1,2")}) {
      auto full = testing::run_command("{ " + testing::build_dir() + "/evaluate generate --model " + folder +
                                       prompts + " --max_new_tokens 2 > /dev/full; }");
      CHECK(full.exit_code == 2);
      CHECK_THAT(full.output, Catch::Contains("generate: writing the new ids to standard output failed"));
    }
  }
}

TEST_CASE("evaluate generate --prompt encodes the text and decodes the continuation") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string dir = testing::scratch_dir("generate_text");
  const std::string model = dir + "/model";
  fs::create_directories(model);
  for (const char* f : {"config.json", "model.safetensors"})
    fs::copy_file(data + "/models/stories260K/" + f, model + "/" + f);
  // A 512-token BPE of the model's own kind of text, so that ids and text correspond.
  std::ofstream(dir + "/text.txt") << json::parse(std::ifstream(data + "/models/stories260K/golden_greedy.json"))["text"]
                                          .get<std::string>();
  auto trained = testing::run_command(testing::build_dir() + "/train-tokenizer --plain --input " + dir +
                                      "/text.txt --vocab-size 512 --output " + model + "/tokenizer.json");
  INFO(trained.output);
  REQUIRE(trained.exit_code == 0);
  Tokenizer tokenizer = load_tokenizer(model + "/tokenizer.json");
  REQUIRE(tokenizer.vocab_size() < 512);  // the model has ids this tokenizer cannot decode
  const std::string text = "Once upon a time, there was a little girl";
  std::vector<int64_t> ids;
  for (int32_t id : tokenizer.encode(text)) ids.push_back(id);
  auto llama = load_llama(model);
  llama->eval();
  const auto continuation = greedy_generate(llama, ids, 12, llama->config.eos_token_ids, true,
                                            undecodable_bias(tokenizer, llama->config.vocab_size));
  REQUIRE(continuation.size() == 12);
  const std::string expected = tokenizer.decode(std::vector<int32_t>(continuation.begin(), continuation.end()));

  auto by_text = testing::run_command(testing::build_dir() + "/evaluate generate --threads 1 --model " + model +
                                      " --max_new_tokens 12 --prompt '" + text + "'");
  INFO(by_text.output);
  REQUIRE(by_text.exit_code == 0);
  CHECK(by_text.output.substr(by_text.output.size() - expected.size() - 1) == expected + "\n");
}
