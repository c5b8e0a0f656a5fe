#include "tests/catch.h"

#include <nlohmann/json.hpp>
#include <random>

#include "common/config.h"
#include "common/unicode.h"
#include "curation/privacy/privacy_stage.h"

using namespace mucpt;

namespace {

Document doc_with(std::string text) {
  Document d;
  d.id = "d";
  d.text = std::move(text);
  return d;
}

nlohmann::json counters(const PrivacyStage& stage) {
  nlohmann::json j;
  stage.write_counters(j);
  return j;
}

// The input with each of the stage's last matches replaced by its type's default token.
std::string masked_by_last_matches(const std::string& input, const PrivacyStage& stage) {
  std::string out;
  size_t at = 0;
  for (const PiiMatch& m : stage.last_matches()) {
    if (m.mask_start < at || m.mask_end < m.mask_start || m.mask_end > input.size()) {
      FAIL("matches overlap or pass the end");
    }
    out.append(input, at, m.mask_start - at).append(pii_type_info(m.type).default_token);
    at = m.mask_end;
  }
  return out.append(input, at);
}

// Registers the privacy options exactly as the stage registry does.
void add_privacy_options(Config& config) {
  config.add_bool("privacy.enabled", true, "mask personal and secret data");
  config.add_int("privacy.max_hits", 20, "reject documents with more masked spans (0: no limit)");
  config.add_bool("privacy.public_ip_only", false, "mask only public IP addresses");
  for (const PiiTypeInfo& t : pii_types()) {
    config.add_bool(std::string("privacy.") + t.name, true, std::string("mask ") + t.help);
    config.add_string(std::string("privacy.") + t.name + "_token", t.default_token,
                      std::string("replacement for ") + t.help);
  }
}

}  // namespace

TEST_CASE("the stage masks with typed tokens and counts per type") {
  PrivacyStage stage{PrivacyOptions()};
  Document d = doc_with("Mail bob@example.com or call 212-555-0143; server 8.8.8.8, card 4111 1111 1111 1111.");
  REQUIRE(stage.process(d).keep());
  CHECK(d.text == "Mail <|EMAIL|> or call <|PHONE|>; server <|IP_ADDRESS|>, card <|CARD|>.");
  Document clean = doc_with("Abbey Road was released in 1969 and ran 47:23.");
  REQUIRE(stage.process(clean).keep());
  CHECK(clean.text == "Abbey Road was released in 1969 and ran 47:23.");
  auto j = counters(stage);
  CHECK(j["docs_masked"] == 1);
  CHECK(j["docs_too_much_pii"] == 0);
  CHECK(j["pii"]["email"]["masked"] == 1);
  CHECK(j["pii"]["phone"]["masked"] == 1);
  CHECK(j["pii"]["ipv4"]["masked"] == 1);
  CHECK(j["pii"]["card"]["masked"] == 1);
  CHECK(j["pii"]["cn_id"]["masked"] == 0);
  CHECK(j["pii"].size() == kPiiTypeCount);
}

TEST_CASE("validator refusals are counted per type") {
  PrivacyStage stage{PrivacyOptions()};
  Document d = doc_with("card 4111 1111 1111 1112, id 110105194912310021, ip 999.1.1.1");
  REQUIRE(stage.process(d).keep());
  CHECK(d.text == "card 4111 1111 1111 1112, id 110105194912310021, ip 999.1.1.1");
  auto j = counters(stage);
  CHECK(j["pii"]["card"]["refused"] >= 1);
  CHECK(j["pii"]["cn_id"]["refused"] == 1);
  CHECK(j["pii"]["ipv4"]["refused"] == 1);
}

TEST_CASE("documents above max_hits are rejected, masked all the same") {
  PrivacyOptions o;
  o.max_hits = 2;
  PrivacyStage stage{o};
  Document d = doc_with("a@example.com b@example.com c@example.com");
  Verdict v = stage.process(d);
  REQUIRE_FALSE(v.keep());
  CHECK(std::string(v.reject_reason) == "too_much_pii");
  CHECK(d.text == "<|EMAIL|> <|EMAIL|> <|EMAIL|>");
  Document two = doc_with("a@example.com b@example.com");
  CHECK(stage.process(two).keep());
  CHECK(counters(stage)["docs_too_much_pii"] == 1);

  o.max_hits = 0;  // no limit
  PrivacyStage unlimited{o};
  Document many = doc_with("a@example.com b@example.com c@example.com");
  CHECK(unlimited.process(many).keep());
}

TEST_CASE("types can be switched off or given other tokens, and private addresses can be kept") {
  PrivacyOptions o;
  o.enabled[static_cast<size_t>(PiiType::phone)] = false;
  o.tokens[static_cast<size_t>(PiiType::email)] = "[EMAIL]";
  o.public_ip_only = true;
  PrivacyStage stage{o};
  Document d = doc_with("bob@example.com 212-555-0143 10.0.0.1 8.8.8.8 fe80::1ff:fe23:4567:890a 2001:4860:4860::8888");
  REQUIRE(stage.process(d).keep());
  CHECK(d.text == "[EMAIL] 212-555-0143 10.0.0.1 <|IP_ADDRESS|> fe80::1ff:fe23:4567:890a <|IP_ADDRESS|>");
  auto j = counters(stage);
  CHECK_FALSE(j["pii"].contains("phone"));
  CHECK(j["pii"]["ipv4"]["refused"] == 1);
  CHECK(j["pii"]["ipv6"]["refused"] == 1);
}

TEST_CASE("with every type switched off the stage changes nothing") {
  PrivacyOptions o;
  o.enabled.fill(false);
  PrivacyStage stage{o};
  Document d = doc_with("bob@example.com 8.8.8.8");
  CHECK(stage.process(d).keep());
  CHECK(d.text == "bob@example.com 8.8.8.8");
  CHECK(counters(stage)["pii"].empty());
}

TEST_CASE("options are read from privacy.* settings") {
  Config config("test");
  add_privacy_options(config);
  const char* argv[] = {"curate", "--privacy.max_hits=5", "--privacy.phone=false", "--privacy.email_token=[E]",
                        "--privacy.public_ip_only=true"};
  std::ostringstream help;
  REQUIRE(config.parse(5, argv, help));
  PrivacyOptions o = privacy_options_from(config);
  CHECK(o.max_hits == 5);
  CHECK(o.public_ip_only);
  CHECK_FALSE(o.enabled[static_cast<size_t>(PiiType::phone)]);
  CHECK(o.enabled[static_cast<size_t>(PiiType::email)]);
  CHECK(o.tokens[static_cast<size_t>(PiiType::email)] == "[E]");
  CHECK(o.tokens[static_cast<size_t>(PiiType::card)] == "<|CARD|>");

  Config negative("test");
  add_privacy_options(negative);
  const char* bad[] = {"curate", "--privacy.max_hits=-1"};
  REQUIRE(negative.parse(2, bad, help));
  CHECK_THROWS_AS(privacy_options_from(negative), ConfigError);
}

TEST_CASE("bad input: empty text") {
  PrivacyStage stage{PrivacyOptions()};
  Document d = doc_with("");
  CHECK(stage.process(d).keep());
  CHECK(d.text.empty());
  CHECK(counters(stage)["docs_masked"] == 0);
}

TEST_CASE("bad input: one 10 MB line") {
  PrivacyStage stage{PrivacyOptions()};
  std::string line;
  const std::string words[] = {"the ", "band ", "played ", "1969 ", "3:45 ", "No. 7 ", "vinyl ", "LP-2041 ", "4.5/5 "};
  std::mt19937 rng(1);
  int planted = 0;
  while (line.size() < 10'000'000) {
    line += words[rng() % 9];
    if (line.size() / 1'000'000 > static_cast<size_t>(planted)) {
      line += "fan" + std::to_string(planted++) + "@example.com ";
    }
  }
  Document d = doc_with(line);
  CHECK(stage.process(d).keep());
  CHECK(counters(stage)["pii"]["email"]["masked"] == planted);
  CHECK(d.text.find('@') == std::string::npos);
}

// Inputs on which a pattern or validator could go back over the text without end: each
// must come back with its result (how long it takes is for the benchmarks to say).
TEST_CASE("bad input: 10 MB of digits and other hostile runs") {
  PrivacyStage stage{PrivacyOptions()};
  std::mt19937 rng(2);
  std::string digits(10'000'000, '0');
  for (char& c : digits) c = static_cast<char>('0' + rng() % 10);
  Document d = doc_with(digits);
  CHECK(stage.process(d).keep());
  CHECK(d.text == digits);  // one number, touching itself everywhere: nothing stands alone

  // Long runs of one character, and candidates back to back, each of which a
  // validator might extend over the ones after it.
  auto repeated = [](const std::string& piece) {
    std::string out;
    while (out.size() < 2'000'000) out += piece;
    return out;
  };
  for (std::string hostile : {std::string(2'000'000, 'a') + "@example.com", std::string(1'000'000, ':'),
                              std::string(1'000'000, '@'), std::string(500'000, 'a') + std::string(500'000, '.'),
                              "-----BEGIN PRIVATE KEY-----" + std::string(2'000'000, 'A'),
                              repeated("-----BEGIN PRIVATE KEY-----"), repeated("x://u:p@"), repeated("password=a1b2c3d4"),
                              repeated("Bearer abcdefghij0123456789"), repeated("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"),
                              repeated("?token=a1b2c3d4e5"), repeated("a.b.c.d@x.y.com"), repeated("1.2.3.4."),
                              repeated("12:34:56:"), repeated("+44 20 7946 0958 ")}) {
    Document h = doc_with(hostile);
    Verdict v = stage.process(h);
    INFO("hostile run of " << hostile.size() << " bytes: " << hostile.substr(0, 40));
    const bool masked_as_matched = h.text == masked_by_last_matches(hostile, stage);
    CHECK(masked_as_matched);
    const bool too_many = stage.last_matches().size() > static_cast<size_t>(PrivacyOptions().max_hits);
    CHECK(v.keep() == !too_many);
    if (too_many) CHECK(std::string(v.reject_reason) == "too_much_pii");
  }
}

TEST_CASE("bad input: binary-looking garbage that is valid UTF-8") {
  PrivacyStage stage{PrivacyOptions()};
  std::mt19937 rng(3);
  std::string garbage;
  while (garbage.size() < 5'000'000) {
    uint32_t r = rng();
    char32_t cp = (r & 3) == 0 ? static_cast<char32_t>(r >> 8) % 0x110000 : static_cast<char32_t>((r >> 8) % 0x80);
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    append_utf8(garbage, cp);
  }
  REQUIRE(is_valid_utf8(garbage));
  Document d = doc_with(garbage);
  Verdict v = stage.process(d);
  CHECK(is_valid_utf8(d.text));
  auto j = counters(stage);
  uint64_t masked = 0;
  for (auto& [type, c] : j["pii"].items()) masked += c["masked"].get<uint64_t>();
  CHECK(masked == stage.last_matches().size());
  if (!v.keep()) CHECK(std::string(v.reject_reason) == "too_much_pii");
}

TEST_CASE("bad input: 10,000 addresses in one document") {
  PrivacyStage stage{PrivacyOptions()};
  std::string text;
  for (int i = 0; i < 10'000; ++i) text += "member" + std::to_string(i) + "@fanclub.example.org\n";
  Document d = doc_with(text);
  Verdict v = stage.process(d);
  REQUIRE_FALSE(v.keep());
  CHECK(std::string(v.reject_reason) == "too_much_pii");
  auto j = counters(stage);
  CHECK(j["docs_too_much_pii"] == 1);
  CHECK(j["pii"]["email"]["masked"] == 10'000);
  CHECK(d.text.find('@') == std::string::npos);
}
