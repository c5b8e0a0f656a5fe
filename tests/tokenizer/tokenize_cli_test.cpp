#include <algorithm>
#include "tests/catch.h"
#include <fstream>

#include "tests/test_support.h"

using namespace mucpt;

namespace {
std::string write(const std::string& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
  return path;
}
}  // namespace

TEST_CASE("tokenize --jsonl and --decode with every tokenizer form") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::string dir = testing::scratch_dir("tokenize_cli");
  std::string bin = testing::build_dir() + "/tokenize";
  std::string in = write(dir + "/in.jsonl", "\"Hello world\"\n\"\"\n\"a<|endoftext|>b\"\n");
  struct Case {
    std::string tokenizer, expected;
  };
  std::vector<Case> cases = {
      {data + "/tokenizers/gpt2", "[15496,995]\n[]\n[64,50256,65]\n"},
      {data + "/tokenizers/qwen2", "[9707,1879]\n[]\n[64,151643,65]\n"},
      {data + "/tokenizers/qwen2/qwen3_tokenizer.json.gz", "[9707,1879]\n[]\n[64,151643,65]\n"},
  };
  for (const Case& c : cases) {
    INFO(c.tokenizer);
    auto r = testing::run_command("'" + bin + "' --tokenizer '" + c.tokenizer + "' --jsonl < '" + in + "'");
    CHECK(r.exit_code == 0);
    CHECK(r.output == c.expected);
    write(dir + "/ids.jsonl", r.output);
    auto d = testing::run_command("'" + bin + "' --tokenizer '" + c.tokenizer + "' --decode < '" + dir + "/ids.jsonl'");
    CHECK(d.exit_code == 0);
    CHECK(d.output == "\"Hello world\"\n\"\"\n\"a<|endoftext|>b\"\n");
  }

  auto ordinary = testing::run_command("'" + bin + "' --tokenizer '" + data +
                                       "/tokenizers/gpt2' --jsonl --no-special < '" + in + "'");
  CHECK(ordinary.output.find("50256") == std::string::npos);

  auto plain = testing::run_command("echo 'Hello world' | '" + bin + "' --tokenizer '" + data + "/tokenizers/gpt2'");
  CHECK(plain.output == "15496\t\"Hello\"\n995\t\" world\"\n\n");

  write(dir + "/cut.jsonl", "[26292]\n[171,120]\n");  // half of a character
  auto cut = testing::run_command("'" + bin + "' --tokenizer '" + data + "/tokenizers/gpt2' --decode < '" + dir +
                                  "/cut.jsonl'");
  CHECK(cut.exit_code == 0);

  auto bad = testing::run_command("echo 'not json' | '" + bin + "' --tokenizer '" + data + "/tokenizers/gpt2' --jsonl");
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.output, Catch::Contains("line 1 is not a JSON string"));
  auto missing = testing::run_command("'" + bin + "' --tokenizer /nonexistent --jsonl < /dev/null");
  CHECK(missing.exit_code == 1);
}

TEST_CASE("train-tokenizer writes a tokenizer.json that tokenize loads") {
  std::string dir = testing::scratch_dir("train_tokenizer_cli");
  std::string corpus;
  for (int i = 0; i < 200; ++i)
    corpus += "{\"id\":" + std::to_string(i) + ",\"text\":\"The quick brown fox plays jazz guitar, take " +
              std::to_string(i) + ".\"}\n";
  corpus += "not json\n{\"id\":\"x\"}\n";
  write(dir + "/corpus.jsonl", corpus);
  auto r = testing::run_command("'" + testing::build_dir() + "/train-tokenizer' --input '" + dir +
                                "/corpus.jsonl' --vocab-size 300 --output '" + dir + "/tok/tokenizer.json'");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.output, Catch::Contains("200 texts") && Catch::Contains("2 lines skipped"));
  write(dir + "/in.jsonl", "\"The quick brown fox\"\n");
  auto ids = testing::run_command("'" + testing::build_dir() + "/tokenize' --tokenizer '" + dir + "/tok' --jsonl < '" +
                                  dir + "/in.jsonl'");
  CHECK(ids.exit_code == 0);
  CHECK(std::count(ids.output.begin(), ids.output.end(), ',') < 8);  // merged: far fewer ids than its 19 bytes
  write(dir + "/ids.jsonl", ids.output);
  auto text = testing::run_command("'" + testing::build_dir() + "/tokenize' --tokenizer '" + dir +
                                   "/tok/tokenizer.json' --decode < '" + dir + "/ids.jsonl'");
  CHECK(text.output == "\"The quick brown fox\"\n");
  // Output that cannot be written (a full disk) fails the command.
  auto full = testing::run_command("{ '" + testing::build_dir() + "/tokenize' --tokenizer '" + dir + "/tok' --jsonl < '" +
                                   dir + "/in.jsonl' > /dev/full; }");
  CHECK(full.exit_code == 1);
  CHECK_THAT(full.output, Catch::Contains("standard output: the write failed"));
}
