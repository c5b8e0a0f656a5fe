// evaluate generate: held-out prompts (the golden prompt extended by the first k
// reference ids) continue with llama2.c's reference ids, with and without the cache;
// a text prompt is encoded and the continuation decoded with the tokenizer.
#include "tests/torch_catch.h"  // first: see there

#include <filesystem>
#include <fstream>
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

}  // namespace

TEST_CASE("evaluate generate continues held-out stories260K prompts with the reference ids") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string folder = data + "/models/stories260K";
  json golden = json::parse(std::ifstream(folder + "/golden_greedy.json"));
  const auto prompt = golden["prompt_ids"].get<std::vector<int64_t>>();
  const auto reference = golden["greedy_ids"].get<std::vector<int64_t>>();
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
  const auto continuation = greedy_generate(llama, ids, 12, llama->config.eos_token_id, true,
                                            undecodable_bias(tokenizer, llama->config.vocab_size));
  REQUIRE(continuation.size() == 12);
  const std::string expected = tokenizer.decode(std::vector<int32_t>(continuation.begin(), continuation.end()));

  auto by_text = testing::run_command(testing::build_dir() + "/evaluate generate --threads 1 --model " + model +
                                      " --max_new_tokens 12 --prompt '" + text + "'");
  INFO(by_text.output);
  REQUIRE(by_text.exit_code == 0);
  CHECK(by_text.output.substr(by_text.output.size() - expected.size() - 1) == expected + "\n");
}
