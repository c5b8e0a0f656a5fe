// Our ids against the JavaScript ports on the same texts: @lenml/tokenizers (a fork
// of transformers.js) with Qwen3's tokenizer.json for Qwen2, js-tiktoken for GPT-2.
// Every line must match exactly.
#include "tests/catch.h"

#include "common/tokenizer/tokenizer_loader.h"
#include "tests/test_support.h"
#include "tests/tokenizer/tokenizer_test_util.h"

using namespace mucpt;

namespace {

std::vector<std::string> all_lines(const std::string& data, const std::string& scratch) {
  auto lines = testing::real_lines(data, scratch);
  auto hard = testing::hard_lines();
  auto random = testing::random_fragment_lines(2024, 1500);
  lines.insert(lines.end(), hard.begin(), hard.end());
  lines.insert(lines.end(), random.begin(), random.end());
  return lines;
}

// Compares line by line and reports the first few differences in full.
void require_same_ids(Tokenizer& tok, const std::vector<std::string>& lines, const testing::IdLines& expected) {
  size_t same = 0, shown = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    auto ids = tok.encode(lines[i]);
    if (ids == expected[i]) {
      ++same;
    } else if (shown++ < 5) {
      INFO("line " << i << ": " << lines[i]);
      CHECK(ids == expected[i]);
    }
  }
  INFO(same << " of " << lines.size() << " lines match");
  CHECK(same == lines.size());
}

}  // namespace

TEST_CASE("Qwen2 ids equal @lenml/tokenizers' on real, hard and random lines") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::string peers = testing::node_peers_dir();
  if (peers.empty()) {
    WARN("skipped: npm is not installed (Debian packages nodejs npm)");
    return;
  }
  std::string json = data + "/tokenizers/qwen2/qwen3_tokenizer.json.gz";
  std::string scratch = testing::scratch_dir("js_qwen2");
  auto lines = all_lines(data, scratch);
  REQUIRE(lines.size() > 5000);
  auto expected = testing::js_reference_ids(peers, "--hf", json, lines, scratch);
  Tokenizer from_json = load_tokenizer(json);
  require_same_ids(from_json, lines, expected);
  Tokenizer from_files = load_tokenizer(data + "/tokenizers/qwen2");
  require_same_ids(from_files, lines, expected);
}

TEST_CASE("GPT-2 ids equal js-tiktoken's on real, hard and random lines") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::string peers = testing::node_peers_dir();
  if (peers.empty()) {
    WARN("skipped: npm is not installed (Debian packages nodejs npm)");
    return;
  }
  std::string scratch = testing::scratch_dir("js_gpt2");
  auto lines = all_lines(data, scratch);
  auto expected = testing::js_reference_ids(peers, "--tiktoken", "gpt2", lines, scratch);
  Tokenizer gpt2 = load_tokenizer(data + "/tokenizers/gpt2");
  require_same_ids(gpt2, lines, expected);
}
