#include "tests/catch.h"

#include <chrono>
#include <random>

#include "common/unicode.h"
#include "curation/privacy/pattern_database.h"
#include "curation/privacy/pattern_table.h"
#include "tests/privacy/privacy_test_util.h"

using namespace mucpt;
using mucpt::testing::parse_marked;
using mucpt::testing::scan_all;

namespace {

std::string masked(std::string_view text) {
  std::array<std::string, kPiiTypeCount> tokens;
  for (const PiiTypeInfo& t : pii_types()) tokens[static_cast<size_t>(t.type)] = t.default_token;
  std::string out;
  apply_masks(text, scan_all(text), tokens, out);
  return out;
}

PiiMatch candidate(uint32_t row, size_t start, size_t end, size_t mask_start, size_t mask_end) {
  PiiMatch m;
  m.row = row;
  m.start = start;
  m.end = end;
  m.mask_start = mask_start;
  m.mask_end = mask_end;
  return m;
}

}  // namespace

TEST_CASE("overlapping candidates resolve to the longest match") {
  std::vector<PiiMatch> c = {candidate(9, 2, 6, 2, 6), candidate(5, 0, 10, 0, 10), candidate(1, 20, 30, 20, 30),
                             candidate(0, 25, 35, 25, 35), candidate(3, 40, 60, 41, 45), candidate(8, 50, 55, 50, 55)};
  resolve_overlaps(c);
  REQUIRE(c.size() == 4);
  CHECK(c[0].row == 5);  // longest wins over the nested one
  CHECK(c[1].row == 0);  // equal lengths: the earlier row
  CHECK(c[2].row == 3);
  CHECK(c[3].row == 8);  // inside the longer match but outside its masked part: kept
}

TEST_CASE("overlaps in real text: credentials, hosts and tokens of one URL") {
  CHECK(masked("https://bob:pw123456@mail.example.com/x") == "https://<|URL_CREDENTIAL|>@mail.example.com/x");
  CHECK(masked("ftp://admin:s3cr3t@192.168.1.10/music?token=Zx81kQ2pLm0Rt7Yv") ==
        "ftp://<|URL_CREDENTIAL|>@<|IP_ADDRESS|>/music?token=<|URL_CREDENTIAL|>");
  CHECK(masked("call +86 138 1234 5678 now") == "call <|PHONE|> now");
  CHECK(masked("mapped ::ffff:192.0.2.128 here") == "mapped <|IP_ADDRESS|> here");
  CHECK(masked("https://api.example.io/v1?api_key=a8F3kL0pQ9zX2mN7&page=2") ==
        "https://api.example.io/v1?api_key=<|URL_CREDENTIAL|>&page=2");
  auto m = scan_all("id 11010519491231002X");  // also a plausible 18-digit card prefix range: the ID row ranks first
  REQUIRE(m.size() == 1);
  CHECK(m[0].type == PiiType::cn_id);
}

TEST_CASE("addresses inside longer tokens are judged at the token's edges") {
  CHECK(masked("xyzabc@example.com") == "<|EMAIL|>");                 // the local part is the whole run
  CHECK(masked("abc@example.com_suffix") == "<|EMAIL|>_suffix");      // '_' cannot continue a domain
  CHECK(masked("abc@example.com123") == "abc@example.com123");        // a domain cannot end in "com123"
  CHECK(masked("user=abc@example.com&x=1") == "user=<|EMAIL|>&x=1");
  CHECK(masked("see abc@example.com, thanks") == "see <|EMAIL|>, thanks");
  CHECK(masked("...abc@example.com") == "...<|EMAIL|>");
  CHECK(masked("x4111111111111111") == "x4111111111111111");
  CHECK(masked("order#4111111111111111") == "order#<|CARD|>");
  CHECK(masked("isbn 978-0-306-40615-7 and 1.2.3.4.5") == "isbn 978-0-306-40615-7 and 1.2.3.4.5");
  CHECK(masked("Foo::Bar and std::map") == "Foo::Bar and std::map");
}

TEST_CASE("masks never split a UTF-8 character") {
  CHECK(masked("电话13812345678联系") == "电话<|PHONE|>联系");
  CHECK(masked("邮箱bob@example.com。") == "邮箱<|EMAIL|>。");
  CHECK(masked("身份证11010519491231002X号") == "身份证<|ID_NUMBER|>号");
  CHECK(masked("🎸8.8.8.8🎸") == "🎸<|IP_ADDRESS|>🎸");

  // Example values glued to multi-byte characters, digits and punctuation in random order.
  std::vector<std::string> pieces = {"音乐", "🎵", "é", "ß", "\xE2\x80\x8B", "0", "7", "@", ".", ":", "-", " ", "x", "+"};
  for (const PatternRow& row : pattern_table())
    for (const std::string& e : row.masked) pieces.push_back(parse_marked(e).text);
  std::mt19937 rng(42);
  for (int round = 0; round < 400; ++round) {
    std::string text;
    for (int k = 0; k < 40; ++k) text += pieces[rng() % pieces.size()];
    REQUIRE(is_valid_utf8(text));
    auto matches = scan_all(text);
    for (const PiiMatch& m : matches) {
      INFO(text);
      CHECK((m.mask_start == 0 || (static_cast<unsigned char>(text[m.mask_start]) & 0xC0) != 0x80));
      CHECK((m.mask_end == text.size() || (static_cast<unsigned char>(text[m.mask_end]) & 0xC0) != 0x80));
    }
    CHECK(is_valid_utf8(masked(text)));
  }
}

TEST_CASE("databases are compiled once per set of rows and shared") {
  auto a = PatternDatabase::get({3, 1, 2});
  auto b = PatternDatabase::get({1, 2, 3});
  CHECK(a.get() == b.get());
  CHECK(PatternDatabase::get({1, 2}).get() != a.get());
  CHECK(a->scratch() == b->scratch());  // one scratch per thread
}
