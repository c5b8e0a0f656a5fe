// PII ground truth: every recorded span is exact, every checksum validates, and every
// type and national format occurs even in a small world.
#include "tests/catch.h"
#include <map>
#include <regex>
#include <set>

#include "synth/pii.h"
#include "tests/synth/world_fixture.h"

namespace {

using mucpt::synth::Rng;

// Written here independently of synth/ so the test checks the generators.
bool luhn_valid(const std::string& number) {
  std::string digits;
  for (char c : number) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c != ' ' && c != '-') return false;
  }
  if (digits.size() != 16) return false;
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool cn_id_valid(const std::string& id) {
  if (id.size() != 18) return false;
  for (int i = 0; i < 17; ++i)
    if (id[i] < '0' || id[i] > '9') return false;
  if (id[0] < '1' || id[0] > '8') return false;  // province codes 11-82
  const int year = std::stoi(id.substr(6, 4)), month = std::stoi(id.substr(10, 2)), day = std::stoi(id.substr(12, 2));
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2024 || month < 1 || month > 12) return false;
  if (day < 1 || day > kDays[month - 1] + (month == 2 && leap(year) ? 1 : 0)) return false;
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (id[i] - '0') * kWeights[i];
  return "10X98765432"[sum % 11] == id[17];
}

bool matches(const std::string& value, const char* pattern) { return std::regex_match(value, std::regex(pattern)); }

}  // namespace

TEST_CASE("validators reject broken numbers", "[synth]") {
  CHECK(luhn_valid("4111 1111 1111 1111"));
  CHECK_FALSE(luhn_valid("4111 1111 1111 1112"));
  CHECK(cn_id_valid("11010519491231002X"));
  CHECK_FALSE(cn_id_valid("110105194912310021"));
  CHECK_FALSE(cn_id_valid("11010519490231002X"));  // 31 February
}

TEST_CASE("generated card numbers and resident ids validate in every format", "[synth]") {
  Rng rng(11);
  using mucpt::synth::PiiType;
  for (int i = 0; i < 500; ++i) {
    for (int f = 0; f < mucpt::synth::pii_format_count(PiiType::card); ++f)
      REQUIRE(luhn_valid(mucpt::synth::make_pii_value(PiiType::card, f, rng)));
    const std::string digit_check = mucpt::synth::make_pii_value(PiiType::cn_id, 0, rng);
    const std::string x_check = mucpt::synth::make_pii_value(PiiType::cn_id, 1, rng);
    REQUIRE(cn_id_valid(digit_check));
    REQUIRE(cn_id_valid(x_check));
    REQUIRE(digit_check.back() != 'X');
    REQUIRE(x_check.back() == 'X');
  }
}

TEST_CASE("pii truth offsets are exact and every type and format occurs", "[synth]") {
  const auto world = mucpt::synth::testing::make_world("pii", 300, 21);
  REQUIRE_FALSE(world.pii.empty());
  std::map<std::string, int> per_type;
  std::set<std::string> phone_formats, card_formats;
  bool x_check = false, private_ipv4 = false, public_ipv4 = false;
  for (const auto& p : world.pii) {
    const std::string id = p.at("id"), type = p.at("type"), value = p.at("value");
    const size_t start = p.at("start"), end = p.at("end");
    auto doc = world.docs.find(id);
    REQUIRE(doc != world.docs.end());
    CHECK(doc->second.source == p.at("source").get<std::string>());
    REQUIRE(end <= doc->second.text.size());
    REQUIRE(start < end);
    CHECK(doc->second.text.substr(start, end - start) == value);
    ++per_type[type];

    if (type == "card") {
      CHECK(luhn_valid(value));
      card_formats.insert(value.find(' ') != std::string::npos ? "spaces"
                          : value.find('-') != std::string::npos ? "dashes" : "plain");
    } else if (type == "cn_id") {
      CHECK(cn_id_valid(value));
      x_check |= value.back() == 'X';
    } else if (type == "email") {
      CHECK(matches(value, R"([a-z0-9._]+@[a-z0-9.-]+\.[a-z]+)"));
    } else if (type == "phone") {
      if (matches(value, R"(\+1 \(\d{3}\) \d{3}-\d{4})")) phone_formats.insert("us_intl");
      else if (matches(value, R"(\d{3}-\d{3}-\d{4})")) phone_formats.insert("us");
      else if (matches(value, R"(\+44 [0-9 ]+)")) phone_formats.insert("uk");
      else if (matches(value, R"(\+49 \d{2} \d{7,8})")) phone_formats.insert("de");
      else if (matches(value, R"(\+33 \d( \d{2}){4})")) phone_formats.insert("fr");
      else if (matches(value, R"(1[3-9]\d{9})")) phone_formats.insert("cn");
      else if (matches(value, R"(\+86 1\d{2} \d{4} \d{4})")) phone_formats.insert("cn_intl");
      else FAIL("unexpected phone format " << value);
    } else if (type == "ipv4") {
      REQUIRE(matches(value, R"(\d{1,3}(\.\d{1,3}){3})"));
      const bool priv = value.rfind("10.", 0) == 0 || value.rfind("192.168.", 0) == 0 || value.rfind("172.", 0) == 0;
      (priv ? private_ipv4 : public_ipv4) = true;
    } else if (type == "ipv6") {
      CHECK(matches(value, R"([0-9a-f:]+)"));
      CHECK(value.find(':') != std::string::npos);
    } else if (type == "url_credential") {
      CHECK(matches(value, R"(https://\S+)"));
      CHECK((value.find('@') != std::string::npos || value.find("token=") != std::string::npos ||
             value.find("access_key=") != std::string::npos || value.find("api_key=") != std::string::npos));
    } else if (type == "aws_key") {
      CHECK(matches(value, R"(AKIA[A-Z0-9]{16})"));
    } else if (type == "bearer_token") {
      CHECK(matches(value, R"(Authorization: Bearer [A-Za-z0-9._-]{20,})"));
    } else {
      FAIL("unknown pii type " << type);
    }
  }
  for (const char* t : {"email", "phone", "ipv4", "ipv6", "card", "cn_id", "url_credential", "aws_key", "bearer_token"}) {
    INFO(t);
    CHECK(per_type[t] >= 3);
  }
  CHECK(phone_formats.size() == 7);
  CHECK(card_formats.size() == 3);
  CHECK(x_check);
  CHECK(private_ipv4);
  CHECK(public_ipv4);
  // The summary counts what pii.jsonl holds.
  for (const auto& [type, n] : per_type) CHECK(world.summary.at("pii_types").at(type).get<int>() == n);
}

TEST_CASE("pii lives in forum and news documents at about the configured rate", "[synth]") {
  const auto world = mucpt::synth::testing::make_world("pii_rate", 3000, 5);
  int carriers = 0, eligible = 0;
  for (const auto& d : world.truth_docs) {
    const std::string source = d.at("source");
    if (d.at("kind") != "clean" || d.contains("planted_question")) continue;
    if (source != "forum" && source != "news") {
      CHECK_FALSE(d.contains("pii"));
      continue;
    }
    ++eligible;
    carriers += d.contains("pii") ? 1 : 0;
  }
  const double rate = static_cast<double>(carriers) / eligible;
  CHECK(rate > 0.10);
  CHECK(rate < 0.25);
}
