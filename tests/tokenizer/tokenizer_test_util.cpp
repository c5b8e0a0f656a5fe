#include "tests/tokenizer/tokenizer_test_util.h"

#include <simdjson.h>

#include "tests/catch.h"
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/json_writer.h"
#include "common/line_reader.h"
#include "common/unicode.h"
#include "common/benchmark/csv_reader.h"
#include "tests/test_support.h"

namespace fs = std::filesystem;

namespace mucpt::testing {

void write_string_lines(const std::string& path, const std::vector<std::string>& texts) {
  std::string out;
  for (const std::string& t : texts) {
    append_json_string(out, t);
    out += '\n';
  }
  std::ofstream(path, std::ios::binary) << out;
}

IdLines read_id_lines(const std::string& path) {
  IdLines lines;
  simdjson::dom::parser parser;
  LineReader reader(path);
  std::string_view line;
  while (reader.next(line)) {
    std::vector<int32_t> ids;
    for (simdjson::dom::element e : simdjson::dom::array(parser.parse(std::string(line))))
      ids.push_back(int32_t(int64_t(e)));
    lines.push_back(std::move(ids));
  }
  return lines;
}

IdLines js_reference_ids(const std::string& peers, const std::string& kind, const std::string& source,
                         const std::vector<std::string>& texts, const std::string& scratch) {
  std::string in = scratch + "/js_in.jsonl", out = scratch + "/js_out.jsonl";
  for (const std::string& t : texts) REQUIRE(is_valid_utf8(t));
  write_string_lines(in, texts);
  auto result = run_command("node '" + source_dir() + "/tests/tokenizer/reference_ids.mjs' '" + peers + "' " + kind +
                            " '" + source + "' '" + in + "' '" + out + "'");
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  IdLines ids = read_id_lines(out);
  REQUIRE(ids.size() == texts.size());
  return ids;
}

namespace {

void add_csv_column(const std::string& path, const std::string& column, size_t limit, std::vector<std::string>& out) {
  CsvReader reader(path);
  std::vector<std::string> fields;
  REQUIRE(reader.next(fields));
  size_t index = std::find(fields.begin(), fields.end(), column) - fields.begin();
  REQUIRE(index < fields.size());
  size_t taken = 0;
  while (taken < limit && reader.next(fields))
    if (index < fields.size() && !fields[index].empty()) {
      out.push_back(fields[index]);
      ++taken;
    }
}

void add_jsonl_field(const std::string& path, const char* field, size_t limit, std::vector<std::string>& out) {
  simdjson::dom::parser parser;
  LineReader reader(path);
  std::string_view line;
  size_t taken = 0;
  while (taken < limit && reader.next(line)) {
    std::string_view text;
    if (!parser.parse(std::string(line)).at_key(field).get_string().get(text)) {
      out.emplace_back(text);
      ++taken;
    }
  }
}

}  // namespace

std::vector<std::string> real_lines(const std::string& data, const std::string& scratch) {
  std::vector<std::string> lines;
  add_csv_column(data + "/music/musiccaps.csv", "caption", 2500, lines);
  add_jsonl_field(data + "/music/dbpedia_album_abstracts.jsonl", "text", 751, lines);
  {
    // SimpleQA: metadata, question, answer; every question and every other answer.
    CsvReader reader(data + "/qa/simple_qa_test_set.csv");
    std::vector<std::string> fields;
    REQUIRE(reader.next(fields));
    size_t taken = 0;
    while (taken < 2000 && reader.next(fields))
      if (fields.size() >= 3) {
        lines.push_back(fields[1]);
        if (taken % 2 == 0) lines.push_back(fields[2]);
        ++taken;
      }
  }
  {
    CsvReader reader(data + "/general/dbpedia14/test.csv");
    std::vector<std::string> fields;
    for (size_t taken = 0; taken < 800 && reader.next(fields); ++taken)
      if (fields.size() >= 2) lines.push_back(fields[1]);
  }
  // Generated Chinese articles and forum posts (multi-line, e-mails, phone numbers).
  std::string synth = build_dir() + "/synth";
  if (fs::exists(synth)) {
    std::string world = scratch + "/synth_world";
    auto result = run_command("'" + synth + "' --docs 1500 --seed 7 --compress none --output '" + world + "'");
    INFO(result.output);
    REQUIRE(result.exit_code == 0);
    add_jsonl_field(world + "/sources/encyclopedia_zh.jsonl", "text", 300, lines);
    add_jsonl_field(world + "/sources/forum.jsonl", "body", 300, lines);
  }
  return lines;
}

std::vector<std::string> hard_lines() {
  return {
      "Hello world",
      "",
      " ",
      "   leading and trailing spaces   ",
      "tabs\tand\t\ttabs\t",
      "line one\nline two\n\nline four\n",
      "windows\r\nline\r\n\r\nends\r\n",
      "old mac\rline\r",
      "mixed \r\n \n\r  \t\n spaces",
      "I'm sure you'll see they've said he'd go, it's OK",
      "SHOUTING: I'M SURE YOU'LL SEE THEY'VE SAID HE'D GO",
      "'s 't 're 've 'm 'll 'd 'S 'T 'RE 'Ve 'M 'LL 'D ''s '' '",
      "Numbers: 1 12 123 1234 12345 3.14159 1,000,000 2024-05-17 +1 (404) 712-6078",
      "Full-width ０１２３ and other numbers ² ½ Ⅻ ٣٤ ١٢٣",
      "我喜欢古典音乐，尤其是巴赫的《哥德堡变奏曲》。",
      "周杰伦（Jay Chou）是台湾著名的歌手、作曲家。他于2000年发行首张专辑《Jay》。",
      "日本のロックバンドは「音楽」が大好きです。",
      "한국 음악 K-pop은 세계적으로 인기가 많다.",
      "Ελληνική μουσική και русская музыка, עברית, العربية الموسيقى",
      "संगीत भारतीय शास्त्रीय",
      "Emoji 🎵🎶🎸🥁 👍🏽 👨‍👩‍👧 ❤️ 🇯🇵 done",
      "café naïve Beyoncé Motörhead Sigur Rós Björk",
      "combining: e\xCC\x81 a\xCC\x88 n\xCC\x83 (decomposed accents)",
      "\xE1\x84\x80\xE1\x85\xA1 decomposed hangul jamo",
      "nbsp\xC2\xA0here, ideographic\xE3\x80\x80space, em\xE2\x80\x83space",
      "<|endoftext|>",
      "before<|endoftext|>after",
      "<|im_start|>user\nWhat is a fugue?<|im_end|>\n<|im_start|>assistant\n",
      "partial <|im_ and <|endoftext| and <|endoftext|><|endoftext|>",
      "punctuation!!! ??? ... --- *** ((( ))) [[[ ]]] {{{ }}} ~~~ ``` '''",
      "code: if (x != y) { return a->b[i] + c::d; } // comment",
      "url https://example.com/path?q=1&r=2#frag and e-mail rilo.neter34@163.com",
      "     ",
      "\n\n\n",
      "a\n",
      "x  \n  y",
      "!!\n\nnext",
      "ends with punctuation.\n",
      "'quoted' \"double\" \xE2\x80\x98"
      "curly\xE2\x80\x99 \xE2\x80\x9C\xE2\x80\x9D",
      "don\xE2\x80\x99t use curly apostrophes",
  };
}

std::vector<std::string> random_fragment_lines(uint32_t seed, size_t count) {
  // clang-format off
  static const std::vector<std::string> fragments = {
      "the", "The", " music", " Music", "ROCK", "jazz", "I", " I", "'s", "'S", "'ll", "'LL", "'re", "'Ve", "'m",
      "'d", "'t", "'", "’", "\"", "!", "?", ".", ",", ";", ":", "-", "(", ")", "[", "]", "{", "}", "<", ">", "/",
      "\\", "#", "$", "%", "&", "*", "+", "=", "@", "^", "_", "`", "|", "~", "0", "1", "7", "42", "123", "2024",
      "3.14", " ", "  ", "   ", "\t", "\n", "\r\n", "\r", " \n ", "\n\n", "\x0B", "\x0C", "\xC2\xA0",
      "\xE3\x80\x80", "\xE2\x80\x83", "\xE2\x80\xA8", "é", "ñ", "ß", "Ø", "café", "naïve", "e\xCC\x81", "a\xCC\x88",
      "\xCC\x81", "μουσική", "музыка", "音乐", "我喜欢", "古典", "。", "，", "《", "》", "（", "）", "ロック", "ひらがな", "음악",
      "\xE1\x84\x80\xE1\x85\xA1", "😀", "🎵", "🎸", "👍🏽", "👨‍👩‍👧", "❤️", "²", "½", "Ⅻ", "٣", "１２", "موسيقى", "שיר",
      "संगीत", "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|im_", "<|endoftext|", "\x01", "\x7F",
  };
  // clang-format on

  std::mt19937 rng(seed);
  std::vector<std::string> lines;
  for (size_t i = 0; i < count; ++i) {
    std::string line;
    size_t parts = 1 + rng() % 30;
    for (size_t p = 0; p < parts; ++p) line += fragments[rng() % fragments.size()];
    lines.push_back(line);
  }
  return lines;
}

std::string random_utf8(std::mt19937& rng, size_t code_points) {
  std::string s;
  for (size_t i = 0; i < code_points; ++i) {
    char32_t cp;
    switch (rng() % 4) {
      case 0: cp = 0x20 + rng() % 0x5F; break;    // printable ASCII
      case 1: cp = rng() % 0x80; break;           // any ASCII, controls included
      case 2: cp = 0x80 + rng() % 0xFF80; break;  // the rest of the BMP
      default: cp = 0x10000 + rng() % 0x100000; break;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
    append_utf8(s, cp);
  }
  return s;
}

}  // namespace mucpt::testing
