#include "tests/catch.h"
#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <tuple>

#include "common/tokenizer/byte_unicode_map.h"
#include "common/tokenizer/pretokenizer.h"
#include "common/tokenizer/tokenizer_json_writer.h"
#include "common/tokenizer/tokenizer_loader.h"
#include "common/tokenizer/utf8_lossy.h"
#include "common/unicode.h"
#include "tests/test_support.h"
#include "tests/tokenizer/tokenizer_test_util.h"

using namespace mucpt;
using Ids = std::vector<int32_t>;

namespace {
std::string nfc(const std::string& s) {
  std::string out;
  return nfc_normalize(s, out) ? out : s;
}
}  // namespace

TEST_CASE("byte-to-unicode map: GPT-2's printable alphabet") {
  CHECK(byte_to_unicode('!') == U'!');
  CHECK(byte_to_unicode(' ') == U'\u0120');   // Ġ
  CHECK(byte_to_unicode('\n') == U'\u010A');  // Ċ
  CHECK(byte_to_unicode(0) == U'\u0100');
  CHECK(byte_to_unicode(0xAD) == U'\u0143');
  for (int b = 0; b < 256; ++b) CHECK(unicode_to_byte(byte_to_unicode(uint8_t(b))) == b);
  std::string raw;
  for (int b = 0; b < 256; ++b) raw += char(b);
  std::string back;
  REQUIRE(byte_level_to_bytes(bytes_to_byte_level(raw), back));
  CHECK(back == raw);
}

TEST_CASE("known ids: GPT-2 and Qwen2 'Hello world'") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  Tokenizer gpt2 = load_tokenizer(data + "/tokenizers/gpt2");
  CHECK(gpt2.encode("Hello world") == Ids{15496, 995});
  CHECK(gpt2.eos_id() == 50256);
  CHECK(gpt2.vocab_size() == 50257);
  CHECK(gpt2.encode("a<|endoftext|>b") == Ids{64, 50256, 65});

  Tokenizer qwen_json = load_tokenizer(data + "/tokenizers/qwen2/qwen3_tokenizer.json.gz");
  Tokenizer qwen_files = load_tokenizer(data + "/tokenizers/qwen2");
  CHECK(qwen_json.encode("Hello world") == Ids{9707, 1879});
  CHECK(qwen_files.encode("Hello world") == Ids{9707, 1879});
  CHECK(qwen_json.eos_id() == 151643);
  CHECK(qwen_files.eos_id() == 151643);
  CHECK(qwen_files.token_to_id("<|im_end|>") == 151645);
  CHECK(qwen_json.pipeline().pretokenizer == PretokenizerKind::qwen2);
  CHECK(qwen_json.pipeline().nfc);
  CHECK(qwen_files.pipeline().pretokenizer == PretokenizerKind::qwen2);
}

TEST_CASE("single_word added tokens stand only where no word character (Rust's Unicode class) touches them, and a refused match stays text") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  nlohmann::json config = nlohmann::json::parse(read_text_file(data + "/tokenizers/qwen2/qwen3_tokenizer.json.gz"));
  const int32_t mask = 151669, xab = 151670, ab = 151671;
  for (const auto& [content, id, single_word] :
       {std::tuple{"<mask>", mask, true}, std::tuple{"xab", xab, true}, std::tuple{"ab", ab, false}})
    config["added_tokens"].push_back({{"id", id}, {"content", content}, {"single_word", single_word}, {"lstrip", false},
                                      {"rstrip", false}, {"normalized", false}, {"special", false}});
  Tokenizer tok = parse_tokenizer_json(config.dump());
  auto holds = [&](const std::string& text, int32_t id) {
    const Ids ids = tok.encode(text);
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  CHECK(holds("a <mask> b", mask));
  CHECK(holds("<mask>", mask));
  CHECK_FALSE(holds("x<mask>", mask));
  CHECK_FALSE(holds("<mask>9", mask));
  CHECK_FALSE(holds("a\u0330<mask>", mask));  // a combining mark is a word character
  CHECK_FALSE(holds("\u200d<mask>", mask));   // so is the zero-width joiner
  CHECK(holds("\u00b2<mask>", mask));         // a superscript digit is not
  // "xab" is the longest match in "zxab" and may not stand inside a word: its span stays
  // text, and "ab" is not looked for inside it.
  CHECK_FALSE(holds("zxab", xab));
  CHECK_FALSE(holds("zxab", ab));
  CHECK(holds("z ab", ab));
}

TEST_CASE("special tokens: matched by default, ordinary text on request, skipped in decode") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  Tokenizer tok = load_tokenizer(data + "/tokenizers/qwen2/qwen3_tokenizer.json.gz");
  Ids with = tok.encode("<|im_start|>user\nhi<|im_end|>");
  CHECK(with.front() == 151644);
  CHECK(with.back() == 151645);
  Ids plain = tok.encode("<|im_start|>user\nhi<|im_end|>", /*allow_special=*/false);
  CHECK(std::find(plain.begin(), plain.end(), 151644) == plain.end());
  CHECK(tok.decode(plain) == "<|im_start|>user\nhi<|im_end|>");
  CHECK(tok.decode(with, /*skip_special=*/true) == "user\nhi");
  CHECK(tok.is_special(151643));
  CHECK_FALSE(tok.is_special(9707));
  CHECK_THROWS_AS(tok.decode(Ids{int32_t(tok.vocab_size())}), std::out_of_range);
}

TEST_CASE("the two Qwen2 forms and a saved copy give the same ids") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  Tokenizer from_json = load_tokenizer(data + "/tokenizers/qwen2/qwen3_tokenizer.json.gz");
  Tokenizer from_files = load_tokenizer(data + "/tokenizers/qwen2");
  std::string saved = testing::scratch_dir("tokenizer_saved") + "/tokenizer.json";
  save_tokenizer_json(from_files, saved);
  Tokenizer reloaded = load_tokenizer(saved);
  CHECK(reloaded.vocab_size() == from_files.vocab_size());
  CHECK(reloaded.model().merges().size() == 151387);
  auto lines = testing::hard_lines();
  auto more = testing::random_fragment_lines(11, 300);
  lines.insert(lines.end(), more.begin(), more.end());
  for (const std::string& line : lines) {
    INFO(line);
    Ids ids = from_json.encode(line);
    CHECK(from_files.encode(line) == ids);
    CHECK(reloaded.encode(line) == ids);
  }
}

TEST_CASE("decode(encode(x)) == x for real lines and random UTF-8 (NFC for Qwen2)") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  Tokenizer gpt2 = load_tokenizer(data + "/tokenizers/gpt2");
  Tokenizer qwen = load_tokenizer(data + "/tokenizers/qwen2/qwen3_tokenizer.json.gz");
  auto lines = testing::real_lines(data, testing::scratch_dir("tokenizer_round_trip"));
  auto hard = testing::hard_lines();
  lines.insert(lines.end(), hard.begin(), hard.end());
  std::mt19937 rng(5);
  for (int i = 0; i < 2000; ++i) lines.push_back(testing::random_utf8(rng, 1 + rng() % 200));
  size_t gpt2_ok = 0, qwen_ok = 0;
  for (const std::string& line : lines) {
    gpt2_ok += gpt2.decode(gpt2.encode(line)) == line;
    qwen_ok += qwen.decode(qwen.encode(line)) == nfc(line);
  }
  CHECK(gpt2_ok == lines.size());
  CHECK(qwen_ok == lines.size());
}

TEST_CASE("any bytes survive the round trip without normalisation") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  Tokenizer gpt2 = load_tokenizer(data + "/tokenizers/gpt2");
  std::mt19937 rng(9);
  for (int i = 0; i < 500; ++i) {
    std::string bytes;
    for (size_t n = rng() % 100; n > 0; --n) bytes += char(rng() % 256);
    CHECK(gpt2.decode(gpt2.encode(bytes)) == bytes);
  }
}

TEST_CASE("long words (heap path) merge as plain lowest-rank-first BPE does") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  Tokenizer tok = load_tokenizer(data + "/tokenizers/qwen2/qwen3_tokenizer.json.gz");
  const BpeModel& model = tok.model();
  std::map<std::pair<int32_t, int32_t>, int32_t> rank;
  for (size_t r = 0; r < model.merges().size(); ++r) rank.emplace(model.merges()[r], int32_t(r));
  // The textbook algorithm: merge the lowest-ranked adjacent pair, leftmost first.
  auto naive = [&](const std::string& word) {
    Ids s;
    for (unsigned char b : word) s.push_back(model.token_to_id(byte_to_unicode_utf8(b)));
    for (;;) {
      size_t at = s.size();
      int32_t best = INT32_MAX;
      for (size_t i = 0; i + 1 < s.size(); ++i) {
        auto it = rank.find({s[i], s[i + 1]});
        if (it != rank.end() && it->second < best) best = it->second, at = i;
      }
      if (at == s.size()) return s;
      s[at] = model.token_to_id(model.token(s[at]) + model.token(s[at + 1]));
      s.erase(s.begin() + long(at) + 1);
    }
  };
  std::mt19937 rng(3);
  std::vector<std::string> words = {std::string(500, ' '), std::string(300, 'a')};
  for (int i = 0; i < 30; ++i) {
    std::string w;
    for (size_t n = 40 + rng() % 200; n > 0; --n) w += "abcdeilnorst"[rng() % 12];
    words.push_back(w);
  }
  for (const std::string& w : words) {
    Ids ids;
    model.encode_word(w, ids);
    CHECK(ids == naive(w));
  }
}

TEST_CASE("utf8_lossy replaces maximal ill-formed subsequences") {
  CHECK(utf8_lossy("ok") == "ok");
  CHECK(utf8_lossy("a\xE4\xB8") == "a\xEF\xBF\xBD");            // one truncated character
  CHECK(utf8_lossy("\xFF\xFE") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // two bad bytes
  CHECK(utf8_lossy("\xE0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong start: each byte alone
}

TEST_CASE("damaged tokenizer files are refused naming the key, the token or the file") {
  const std::string byte_level = R"("pre_tokenizer":{"type":"ByteLevel"})";
  CHECK_THROWS_WITH(parse_tokenizer_json("{" + byte_level + "}"), Catch::Contains("key 'model' is missing or not an object"));
  CHECK_THROWS_WITH(parse_tokenizer_json(R"({"model":{"type":"BPE","vocab":{}},)" + byte_level + "}"),
                    Catch::Contains("key 'merges' is missing or not a list"));
  // 2^32 + 5 would wrap to 5 and share its id with another token.
  CHECK_THROWS_WITH(parse_tokenizer_json(R"({"model":{"type":"BPE","vocab":{"a":0,"ab":4294967301},"merges":[]},)" +
                                         byte_level + "}"),
                    Catch::Contains("token \"ab\" has id 4294967301, not a whole number from 0 to 16777215"));
  CHECK_THROWS_WITH(parse_tokenizer_json(R"({"model":{"type":"BPE","vocab":{"a":0},"merges":[]},)" + byte_level +
                                         R"(,"added_tokens":[{"content":"<x>"}]})"),
                    Catch::Contains("added token \"<x>\" has no 'id'"));
  CHECK_THROWS_WITH(parse_tokenizer_json(R"({"model":{"type":"BPE","vocab":{"a":0},"merges":[]},)" + byte_level +
                                         R"(,"added_tokens":[{"content":"<x>","id":1,"lstrip":"yes"}]})"),
                    Catch::Contains("key 'lstrip' is not true or false"));
  const std::string dir = testing::scratch_dir("tokenizer_damaged_config");
  std::ofstream(dir + "/vocab.json") << R"({"a":0,"b":1})";
  std::ofstream(dir + "/merges.txt") << "#version: 0.2\n";
  std::ofstream(dir + "/tokenizer_config.json") << R"({"added_tokens_decoder":{"two":{"content":"<x>"}}})";
  CHECK_THROWS_WITH(load_tokenizer(dir), Catch::Contains(dir + "/tokenizer_config.json: token \"<x>\" has id two"));
}

TEST_CASE("unsupported tokenizer.json parts are refused") {
  CHECK_THROWS_WITH(parse_tokenizer_json(R"({"model":{"type":"WordPiece","vocab":{}}})"),
                    Catch::Contains("model type WordPiece"));
  CHECK_THROWS_WITH(parse_tokenizer_json(R"({"normalizer":{"type":"NFKC"},"model":{"type":"BPE","vocab":{},"merges":[]},
                                           "pre_tokenizer":{"type":"ByteLevel"}})"),
                    Catch::Contains("normalizer NFKC"));
  CHECK_THROWS_WITH(parse_tokenizer_json(R"({"model":{"type":"BPE","vocab":{},"merges":[]}, "pre_tokenizer":
                                             {"type":"Split","pattern":{"Regex":"\\w+"},"behavior":"Isolated"}})"),
                    Catch::Contains("Split pattern"));
  // Hugging Face adds the prefix space to every piece of the Split, this encoder to the text.
  nlohmann::json split_then_prefix = {
      {"model", {{"type", "BPE"}, {"vocab", nlohmann::json::object()}, {"merges", nlohmann::json::array()}}},
      {"pre_tokenizer",
       {{"type", "Sequence"},
        {"pretokenizers",
         {{{"type", "Split"},
           {"pattern", {{"Regex", std::string(pretokenizer_pattern(PretokenizerKind::qwen2))}}},
           {"behavior", "Isolated"}},
          {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"use_regex", false}}}}}}};
  CHECK_THROWS_WITH(parse_tokenizer_json(split_then_prefix.dump()),
                    Catch::Contains("a ByteLevel with add_prefix_space after a Split"));
  split_then_prefix["pre_tokenizer"]["pretokenizers"][1]["add_prefix_space"] = false;  // Qwen2's own
  CHECK_NOTHROW(parse_tokenizer_json(split_then_prefix.dump()));
}
