#include "tests/catch.h"

#include "curation/privacy/checksums.h"
#include "curation/privacy/ip_address.h"
#include "curation/privacy/validators.h"

using namespace mucpt;

TEST_CASE("Luhn accepts issuer test numbers and refuses one-digit changes") {
  for (const char* good : {"4111111111111111", "5500005555555559", "378282246310005", "6011111111111117",
                           "3530111333300000", "30569309025904", "79927398713", "0"})
    CHECK(luhn_valid(good));
  for (const char* bad : {"4111111111111112", "5500005555555558", "378282246310006", "79927398710", "", "4111-1111"})
    CHECK_FALSE(luhn_valid(bad));
  // A swap of adjacent digits (other than 0/9) is always caught.
  CHECK_FALSE(luhn_valid("1411111111111111"));
}

TEST_CASE("ISO 7064 MOD 11-2 gives the check characters of GB 11643 examples") {
  CHECK(iso7064_mod11_2_check("11010519491231002") == 'X');
  CHECK(iso7064_mod11_2_check("44052418800101001") == '4');
  CHECK(iso7064_mod11_2_check("31010419900307123") == 'X');
  CHECK(cn_resident_id_valid("11010519491231002X", 2024));
  CHECK(cn_resident_id_valid("11010519491231002x", 2024));
  CHECK(cn_resident_id_valid("440524188001010014", 2024));
  CHECK_FALSE(cn_resident_id_valid("110105194912310021", 2024));   // wrong check
  CHECK_FALSE(cn_resident_id_valid("990105194912310023", 2024));   // no province 99
  CHECK_FALSE(cn_resident_id_valid("51010420050229123X", 2024));   // 2005 is not a leap year
  CHECK_FALSE(cn_resident_id_valid("110105209901011234", 2024));   // born in the future
  CHECK_FALSE(cn_resident_id_valid("11010519491231002", 2024));    // 17 characters
  CHECK_FALSE(cn_resident_id_valid("1101051949123100X2", 2024));   // X only last
  CHECK(is_real_date(2000, 2, 29));
  CHECK_FALSE(is_real_date(1900, 2, 29));
  CHECK_FALSE(is_real_date(2021, 4, 31));
}

TEST_CASE("IP addresses are parsed by inet_pton and classified") {
  CHECK(parse_ipv4("192.168.1.1"));
  CHECK(parse_ipv4("255.255.255.255"));
  CHECK_FALSE(parse_ipv4("256.1.1.1"));
  CHECK_FALSE(parse_ipv4("01.2.3.4"));
  CHECK_FALSE(parse_ipv4("1.2.3"));
  CHECK_FALSE(parse_ipv4("1.2.3.4 "));
  CHECK(parse_ipv6("2001:db8::1"));
  CHECK(parse_ipv6("::ffff:192.0.2.1"));
  CHECK(parse_ipv6("2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
  CHECK_FALSE(parse_ipv6("2001:db8:::1"));
  CHECK_FALSE(parse_ipv6("1::2::3"));
  CHECK_FALSE(parse_ipv6("12345::1"));
  CHECK_FALSE(parse_ipv6(std::string(60, '1')));

  CHECK(is_public(*parse_ipv4("8.8.8.8")));
  CHECK(is_public(*parse_ipv4("185.60.216.35")));
  for (const char* private_v4 : {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.10", "127.0.0.1",
                                 "169.254.1.1", "100.64.0.1", "0.1.2.3", "224.0.0.251", "255.255.255.255",
                                 "192.0.2.1", "198.51.100.7", "203.0.113.9", "198.18.0.1"})
    CHECK_FALSE(is_public(*parse_ipv4(private_v4)));
  CHECK(is_public(*parse_ipv4("172.32.0.1")));
  CHECK(is_public(*parse_ipv4("100.128.0.1")));
  CHECK(is_public(*parse_ipv6("2a03:2880:f12f:83:face:b00c:0:25de")));
  CHECK(is_public(*parse_ipv6("2001:4860:4860::8888")));
  CHECK(is_public(*parse_ipv6("::ffff:8.8.8.8")));
  for (const char* private_v6 : {"::1", "::", "fe80::1", "fd12:3456::1", "ff02::1", "2001:db8::1", "::ffff:10.0.0.1",
                                 "2001::1"})
    CHECK_FALSE(is_public(*parse_ipv6(private_v6)));
}

TEST_CASE("card issuer ranges fix the number's length") {
  CHECK(card_issuer_plausible("4111111111111111"));
  CHECK(card_issuer_plausible("4111111111111111110"));
  CHECK_FALSE(card_issuer_plausible("41111111111111"));   // Visa is 16 or 19
  CHECK(card_issuer_plausible("378282246310005"));
  CHECK_FALSE(card_issuer_plausible("3782822463100055"));  // Amex is 15
  CHECK(card_issuer_plausible("2221000000000009"));
  CHECK_FALSE(card_issuer_plausible("2721000000000009"));
  CHECK_FALSE(card_issuer_plausible("9111111111111111"));
}

TEST_CASE("random-looking tokens are told from words") {
  CHECK(looks_random("a8F3kL0pQ9zX2mN7"));
  CHECK(looks_random("dGhpcyBpcyBhIHRva2Vu"));
  CHECK(looks_random("abc-def-ghi"));
  CHECK_FALSE(looks_random("responsibilities"));
  CHECK_FALSE(looks_random("Responsibilities"));
  CHECK_FALSE(looks_random("MYSTERIOUS"));
}
