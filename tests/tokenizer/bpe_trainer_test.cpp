#include "common/tokenizer/bpe_trainer.h"

#include "tests/catch.h"

#include "common/tokenizer/tokenizer_json_writer.h"
#include "common/tokenizer/tokenizer_loader.h"
#include "common/unicode.h"
#include "tests/test_support.h"
#include "tests/tokenizer/tokenizer_test_util.h"

using namespace mucpt;

namespace {

Tokenizer train_on(const std::vector<std::string>& texts, size_t vocab_size, PretokenizerKind kind) {
  BpeTrainerOptions options;
  options.vocab_size = vocab_size;
  options.pretokenizer = kind;
  options.special_tokens = {"<|endoftext|>", "<|pad|>"};
  BpeTrainer trainer(options);
  for (const std::string& t : texts) trainer.add_text(t);
  return trainer.train();
}

}  // namespace

TEST_CASE("trainer: a toy corpus merges its most frequent pairs first") {
  BpeTrainerOptions options;
  options.vocab_size = 1 + 256 + 3;
  options.min_frequency = 1;
  options.pretokenizer = PretokenizerKind::gpt2;
  BpeTrainer trainer(options);
  for (int i = 0; i < 10; ++i) trainer.add_text("low lower lowest<|endoftext|>");
  Tokenizer tok = trainer.train();
  REQUIRE(tok.model().merges().size() == 3);
  CHECK(tok.id_to_token(0) == "<|endoftext|>");
  CHECK(tok.eos_id() == 0);
  // "lo" and "ow" appear 3 times a line (the smaller pair wins the tie), then "low";
  // then "Ġlow" and "lowe" tie at 2 and Ġ has the smaller id.
  CHECK(tok.id_to_token(257) == "lo");
  CHECK(tok.id_to_token(258) == "low");
  CHECK(tok.id_to_token(259) == "\xC4\xA0low");
  CHECK(tok.encode(" low") == std::vector<int32_t>{259});
  CHECK(tok.encode("x<|endoftext|>") == std::vector<int32_t>{1 + 'x', 0});
}

TEST_CASE("trainer: MusicCaps captions, saved, reloaded, and read the same by @lenml/tokenizers") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::string dir = testing::scratch_dir("bpe_trainer");
  auto lines = testing::real_lines(data, dir);
  std::vector<std::string> train(lines.begin(), lines.begin() + 2000), held(lines.begin() + 2000, lines.end());
  auto hard = testing::hard_lines();
  auto random = testing::random_fragment_lines(77, 300);
  held.insert(held.end(), hard.begin(), hard.end());
  held.insert(held.end(), random.begin(), random.end());

  std::string peers = testing::node_peers_dir();
  for (auto kind : {PretokenizerKind::qwen2, PretokenizerKind::gpt2}) {
    DYNAMIC_SECTION("pre-tokenizer " << pretokenizer_name(kind)) {
      Tokenizer tok = train_on(train, 3000, kind);
      CHECK(tok.vocab_size() == 3000);
      CHECK(tok.model().merges().size() >= 3000 - 258);
      CHECK(to_tokenizer_json(train_on(train, 3000, kind)) == to_tokenizer_json(tok));  // deterministic

      size_t bytes = 0, tokens = 0;
      for (size_t i = 0; i < held.size(); ++i) {
        auto ids = tok.encode(held[i]);
        if (i < 500) {  // captions like the training ones
          bytes += held[i].size();
          tokens += ids.size();
        }
        std::string expected;
        REQUIRE(nfc_normalize(held[i], expected));
        CHECK(tok.decode(ids) == expected);
      }
      CHECK(double(bytes) / double(tokens) > 3.5);  // it learned something

      std::string path = dir + "/" + std::string(pretokenizer_name(kind)) + ".json";
      save_tokenizer_json(tok, path);
      Tokenizer reloaded = load_tokenizer(path);
      testing::IdLines ours;
      for (const std::string& t : held) ours.push_back(tok.encode(t));
      size_t same = 0;
      for (size_t i = 0; i < held.size(); ++i) same += reloaded.encode(held[i]) == ours[i];
      CHECK(same == held.size());

      if (peers.empty()) {
        WARN("skipped the JavaScript check: npm is not installed (Debian packages nodejs npm)");
      } else {
        auto js = testing::js_reference_ids(peers, "--hf", path, held, dir);
        same = 0;
        for (size_t i = 0; i < held.size(); ++i) {
          if (js[i] == ours[i]) {
            ++same;
          } else {
            INFO(held[i]);
            CHECK(js[i] == ours[i]);
          }
        }
        CHECK(same == held.size());
      }
    }
  }
}
