#include "curation/privacy/pattern_table.h"

#include "curation/privacy/validators.h"

namespace mucpt {

// Patterns find candidates; validators decide. Regexes therefore stay loose where a
// check in code is exact (octet ranges, check digits, digit counts), and whether a
// value stands alone is judged by the validators from the neighbouring bytes. The
// `\b` at the digit ends of numeric patterns only spares Hyperscan from reporting
// every window of a long digit run (10 MB of digits would otherwise cost seconds);
// the validators still make the decision, with stricter rules ("1-212-555-0143-5").
// Patterns match ASCII only (but for the anchor byte of one row, which its validator
// trims), so a mask never begins or ends inside a UTF-8 character.
const std::vector<PatternRow>& pattern_table() {
  using T = PiiType;
  static const std::vector<PatternRow> kTable = {
      // Chinese resident ID: region (6), birth date (8), sequence (3), check (digit or X).
      {T::cn_id, R"(\b[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]\b)",
       check_cn_id,
       {"11010519491231002X", "440524188001010014", "31010419900307123x",
        "身份证号：«11010519491231002X»，请核对"},
       {"110105194912310021", "990105194912310023", "51010420050229123X", "110105209901011234",
        "110105194902301234", "11010519491231002X5", "A11010519491231002X"}},

      // Payment cards: plain digit runs and the printed groupings.
      {T::card, R"(\b[0-9]{14,19}\b)", check_card,
       {"4111111111111111", "5500005555555559", "378282246310005", "6011111111111117", "3530111333300000",
        "6200000000000005", "30569309025904", "2221000000000009", "paid with «4012888888881881», twice"},
       {"4111111111111112", "1234567890123452", "94111111111111111", "41111111111111110", "order 20190312184500123"}},
      {T::card, R"(\b[0-9]{4}[ -][0-9]{4}[ -][0-9]{4}[ -][0-9]{4}\b)", check_card,
       {"4111 1111 1111 1111", "5555-5555-5555-4444", "card «4532 0151 1283 0366» on file"},
       {"4111 1111-1111 1111", "4111 1111 1111 1112", "2019 2020 2021 2022", "1234 5678 9012 3456"}},
      {T::card, R"(\b[0-9]{4}[ -][0-9]{4}[ -][0-9]{4}[ -][0-9]{4}[ -][0-9]{3}\b)", check_card,
       {"6212 3456 7890 1234 569", "4111-1111-1111-1111-110"},
       {"6212 3456 7890 1234 568"}},
      {T::card, R"(\b3[47][0-9]{2}[ -][0-9]{6}[ -][0-9]{5}\b)", check_card,
       {"3782 822463 10005", "3714-496353-98431"},
       {"3782 822463 10006", "3782 822463-10005"}},
      {T::card, R"(\b3[0689][0-9]{2}[ -][0-9]{6}[ -][0-9]{4}\b)", check_card,
       {"3056 930902 5904"},
       {"3056 930902 5905"}},

      // E-mail: a generous pattern; label and local-part rules are checked in code.
      // The match starts at the last byte of the local part (ASCII, or the last byte of
      // a letter such as "é"), which the validator walks back from: start-of-match
      // tracking over a leading class that matches every word would cost Hyperscan most
      // of its speed.
      {T::email, R"((?:[A-Za-z0-9._%+-]|[\x80-\xBF])@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24})", check_email,
       {"bob@example.com", "first.last+tag@mail.example.co.uk", "mail «booking@band-records.io» today",
        "mailto:«bob@example.org»", "write to «bob@example.org».", "联系«fan_club@163.com»谢谢",
        "write to «josé.garcía@example.com».", "(«müller@example.de»)", "«иван@example.ru»",
        "«xyzabc@example.com»_archive", "(«press@label.de»)"},
       {"bob@localhost", "@example.com", "bob@example.c", "bob..x@example.com", "bob.@example.com",
        "bob@-example.com", "bob@example-.com", "bob@example.com2", "v1.2@3.4",
        "a12345678901234567890123456789012345678901234567890123456789012345@example.com"},
       R"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24})"},

      // Credentials in URLs: user:password@ (the match then takes in the host name),
      // and secret query parameters.
      {T::url_credential, R"([A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9._~%!$&'()*+,;=-]*:[A-Za-z0-9._~%!$&'()*+,;=-]+@)",
       check_url_userinfo,
       {"https://«bob:hunter2»@files.example.com/a.zip", "ftp://«admin:s3cr3t»@files.example.net/music",
        "see https://«dj:pa55w0rd»@dl.example.net/set.flac for it"},
       {"https://bob@example.com/", "https://example.com:8080/", "ssh bob:pw@host", "https://bob:@example.com/"}},
      {T::url_credential,
       R"([?&;](?i:access_token|auth_token|token|access_key|api_key|apikey|api-key|secret|client_secret|password|passwd|pwd|key|sig|signature)=[A-Za-z0-9._~%+/=-]{8})",
       check_url_query_secret,
       {"https://files.example.com/live?token=«Zx81kQ2pLm0Rt7Yv»", "https://x.example.io/a?id=7&access_key=«AKd83jf92KDl0»",
        "https://api.example.io/v1/shows?api_key=«a8F3kL0pQ9zX2mN7»&page=2", "/login?password=«sunshine»",
        "?TOKEN=«abc123def456»#top"},
       {"https://x.example.com/?token=abc", "https://x.example.com/?key=mysterious", "the token=a1b2c3d4e5f6",
        "?page=12345678"}},

      // Secrets with a recognisable form.
      {T::aws_key, R"((?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[0-9A-Z]{16})", check_aws_key,
       {"AKIAIOSFODNN7EXAMPLE", "aws_access_key_id = «AKIAIOSFODNN7EXAMPLE»", "ASIAY34FZKBOKMUTVV7A"},
       {"AKIAIOSFODNN7EXAMPL", "XAKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLEX", "akiaiosfodnn7example"}},
      {T::bearer_token, R"((?i:bearer)[ \t]+[A-Za-z0-9._~+/-]{16})", check_bearer_token,
       {"Authorization: Bearer «eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abc123-_XYZ»",
        "bearer «mF_9.B5f-4.1JqMxxxxx»", "-H \"Authorization: Bearer «0b79bab50daca910b000d4f1a2b675d604257e42»\"",
        "BEARER «dGhpcyBpcyBhIHRva2Vu==»"},
       {"the bearer of bad news", "Bearer responsibilities", "cupbearer 0b79bab50daca910b000d4f1"}},
      {T::private_key, R"(-----BEGIN[A-Z0-9 ]{0,32}PRIVATE KEY-----)", check_pem_private_key,
       {"«-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM\n-----END RSA PRIVATE KEY-----»\nthanks",
        "«-----BEGIN PRIVATE KEY-----\r\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\r\n-----END PRIVATE KEY-----»",
        "key: «-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmU= -----END OPENSSH PRIVATE KEY-----»",
        "«-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49\nAwEHoUQDQgAE»\nrest of the post"},
       {"-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----",
        "-----BEGIN CERTIFICATE-----"}},
      {T::secret, R"(gh[pousr]_[A-Za-z0-9]{36})", check_prefixed_token,
       {"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", "token «ghs_16C7e42F292c6912E7710c838347Ae178B4a»."},
       {"ghp_short", "my_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"}},
      {T::secret, R"(github_pat_[A-Za-z0-9_]{22})", check_prefixed_token,
       {"github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"},
       {"github_pat_"}},
      {T::secret, R"(xox[abposr]-[0-9A-Za-z-]{10})", check_prefixed_token,
       {"xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"},
       {"xoxb-123", "xoxz-1234567890123"}},
      {T::secret, R"(AIza[0-9A-Za-z_-]{35})", check_prefixed_token,
       {"AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe", "key=«AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe»&q=x"},
       {"AIzaShort"}},
      {T::secret, R"((?:sk|rk)_live_[0-9A-Za-z]{24})", check_prefixed_token,
       {"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "rk_live_4eC39HqLyjWDarjtT1zdp7dc"},
       {"sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_short"}},
      // Assignments such as api_key = "...": one row per family of key names, since
      // Hyperscan serves several literal-led patterns far faster than one alternation.
      {T::secret, R"((?i:(?:aws_)?secret_access_key|secret[_-]?key)["']?[ \t]*[:=][ \t]*["']?[A-Za-z0-9/+._~=-]{8})",
       check_secret_assignment,
       {"aws_secret_access_key = «wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY»", "SECRET_KEY='«django-insecure-9x8y7z»'"},
       {"secret key: see the docs", "secret_key = placeholder"}},
      {T::secret, R"((?i:api[_-]?(?:key|secret))["']?[ \t]*[:=][ \t]*["']?[A-Za-z0-9/+._~=-]{8})", check_secret_assignment,
       {"\"api_key\": \"«9f8e7d6c5b4a3f2e1d0c»\"", "API-SECRET: «Zk39fjQ02LmX»"},
       {"api_key = something", "the api key is in the docs", "rapid_key=12345678"}},
      {T::secret, R"((?i:client[_-]?secret)["']?[ \t]*[:=][ \t]*["']?[A-Za-z0-9/+._~=-]{8})", check_secret_assignment,
       {"client_secret='«Ab3xY9kLm2Q»'"},
       {"client secret: keep it safe"}},
      {T::secret, R"((?i:(?:access|auth|refresh|private)[_-]?token)["']?[ \t]*[:=][ \t]*["']?[A-Za-z0-9/+._~=-]{8})",
       check_secret_assignment,
       {"access_token: «ya29.a0AfH6SMBx3Yz»", "AUTH_TOKEN=«c0ffee1234beef»"},
       {"access token: expired", "auth_token = undefined"}},
      {T::secret, R"((?i:passw(?:or)?d)["']?[ \t]*[:=][ \t]*["']?[A-Za-z0-9/+._~=-]{8})", check_secret_assignment,
       {"DB_PASSWORD=«correcthorsebattery»", "password: «hunter2hunter2»", "passwd = «s3cr3t-pass»"},
       {"the password is secret", "mypassword=hunter2hunter2", "password: short"}},

      // Phones: one row per numbering plan, each validator counting that plan's digits.
      {T::phone, R"(\b1[3-9][0-9](?:[ -]?[0-9]{4}){2}\b)", check_phone_cn,
       {"13812345678", "电话«13812345678»联系", "«138-1234-5678»", "138 1234 5678"},
       {"12812345678", "15412345678", "138123456789", "138 1234-5678", "213812345678"}},
      {T::phone, R"((?:\+86|0086)[ -]?1[3-9][0-9](?:[ -]?[0-9]{4}){2}\b)", check_phone_cn,
       {"+86 138 1234 5678", "+8613912345678", "0086 13812345678", "+86-139-1234-5678"},
       {"+86 154 1234 5678", "+86 138 1234 56789"}},
      {T::phone, R"(\+1[ .-]?(?:\([2-9][0-9]{2}\)|[2-9][0-9]{2})[ .-]?[2-9][0-9]{2}[ .-]?[0-9]{4}\b)", check_phone_us,
       {"+1 (212) 555-0143", "+1-617-555-0123", "+12125550143", "+1 212 555 0143", "call «+1.415.555.0199» today"},
       {"+1 (112) 555-0143", "+1 212 555 01434", "+1 212 155 0143"}},
      {T::phone, R"(\([2-9][0-9]{2}\) ?[2-9][0-9]{2}[ .-]?[0-9]{4}\b)", check_phone_us,
       {"(415) 555-0199", "(415)555-0199", "call «(312) 555-0100» today"},
       {"(415) 155-0199", "(415) 555-01999"}},
      {T::phone, R"(\b[2-9][0-9]{2}[.-][2-9][0-9]{2}[.-][0-9]{4}\b)", check_phone_us,
       {"212-555-0143", "212.555.0143", "tickets: «617-555-0123»."},
       {"212 555 0143", "2125550143", "112-555-0143", "212-555-01434", "ISBN 978-212-555-0143", "212-555.0143"}},
      {T::phone, R"(\+44[ ]?(?:\(0\)[ ]?)?[1-9][0-9]{1,4}[ ]?[0-9]{3,4}[ ]?[0-9]{3,4}\b)", check_phone_uk,
       {"+44 20 7946 0958", "+44 161 496 0000", "+44 (0)20 7946 0958", "+447700900123"},
       {"+44 20 794 095", "+44 20 7946 09581"}},
      {T::phone, R"(\b0[1-9][0-9]{1,4}[ ]?[0-9]{3,4}[ ]?[0-9]{3,4}\b)", check_phone_uk,
       {"020 7946 0958", "0161 496 0000", "07700 900123"},
       {"02079460958", "020 7946 09581"}},
      {T::phone, R"(\+49[ ]?(?:\(0\)[ ]?)?[1-9][0-9]{1,4}[ /-]?[0-9]{2,8}(?:-[0-9]{1,5})?\b)", check_phone_de,
       {"+49 30 12345678", "+49 89 1234567", "+49 (0)30 12345678", "+49 171 1234567", "+49 30 1234567-89"},
       {"+49 30 12", "+49 301 234567890123"}},
      {T::phone, R"(\b0[1-9][0-9]{1,4}(?:[ /-]| / )[0-9]{3,8}(?:-[0-9]{1,5})?\b)", check_phone_de,
       {"030 12345678", "089/1234567", "0171 1234567", "030 1234567-89", "040 / 3344556"},
       {"030 123", "0301234567", "the 03 123456 catalogue"}},
      {T::phone, R"(\+33[ .]?(?:\(0\)[ ]?)?[1-9](?:[ .-]?[0-9]{2}){4}\b)", check_phone_fr,
       {"+33 1 42 68 53 00", "+33 6 12 34 56 78", "+33612345678", "+33 (0)1 42 68 53 00"},
       {"+33 1 42 68 53", "+33 1 42.68 53 00"}},
      {T::phone, R"(\b0[1-9](?:[ .-][0-9]{2}){4}\b)", check_phone_fr,
       {"01 42 68 53 00", "06.12.34.56.78", "01-42-68-53-00"},
       {"01 42 68 53", "01 42.68 53 00", "0142685300", "1.01.02.03.04.05"}},
      // Other countries. The character before the '+' (space, line break, bracket,
      // punctuation, the last byte of a multi-byte character, or the text's start)
      // is part of the match and trimmed by the validator: with it Hyperscan looks
      // for a two-byte literal instead of running this pattern over every byte.
      {T::phone,
       R"((?:^|[\s(\[:;,="'/>\x80-\xBF])\+[1-9][0-9]{0,2}(?:[ .-]?(?:\([0-9]{1,4}\)|[0-9]{1,4})){1,4}[ .-]?[0-9]{1,4}\b)",
       check_phone_international,
       {"+39 06 1234 5678", "+81 3-1234-5678", "+61 2 9876 5432", "+7 495 123-45-67", "tel: «+34 912 345 678».",
        "+86 10 6552 9988", "电话：«+39 06 1234 5678»", "(«+81 3-1234-5678»)", "tel:«+61 2 9876 5432»"},
       {"+1 2 3", "+3 2 1 0", "+12345678901234567", "score +3 (2) (1)", "a+39 06 1234 5678"},
       R"(\+[1-9][0-9]{0,2}(?:[ .-]?(?:\([0-9]{1,4}\)|[0-9]{1,4})){1,4}[ .-]?[0-9]{1,4}\b)"},

      // IP addresses, confirmed by inet_pton.
      // The full form starts at the last digit of its first group (the validator
      // takes in the rest), for the same reason as e-mail.
      {T::ipv6, R"([0-9A-Fa-f]:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){6}\b)", check_ipv6,
       {"2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2a03:2880:f12f:83:face:b00c:0:25de", "FE80:0:0:0:202:B3FF:FE1E:8329"},
       {"1:2:3:4:5:6:7:8:9", "face:bead:cafe:deaf:beef:fade:dead:feed", "aB12:0:0:0:0:0:0:1",
        "12345:0:0:0:0:0:0:1"},
       R"([0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){7})"},
      {T::ipv6, R"((?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6}\b|\b[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6}::)",
       check_ipv6,
       {"2001:db8::1", "fe80::1ff:fe23:4567:890a", "connect via [«2606:4700::6810:84e5»]:8080", "fd12:3456:789a:1::1",
        "prefix «2001:db8:1f::»/48"},
       {"::1", "std::vector", "Abc::Def", "a::b", "12:30:45", "2001:db8:::1", "1::2::3"}},
      {T::ipv6, R"([0-9A-Fa-f:]{2,30}:[0-9]{1,3}(?:\.[0-9]{1,3}){3}\b)", check_ipv6,
       {"::ffff:192.0.2.128", "64:ff9b::198.51.100.7"},
       {"::ffff:192.0.2.256", "12:30:1.2.3.4"}},
      {T::ipv4, R"(\b[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\b)", check_ipv4,
       {"192.168.1.20", "8.8.8.8", "server «185.60.216.35»:8080", "(«10.0.0.1»)", "ip «203.0.113.9»."},
       {"256.1.1.1", "1.2.3.4.5", "v1.2.3.4", "01.2.3.4", "1.2.3", "version 10.0.19041.1", "1.2.3.4a"}},
  };
  return kTable;
}

}  // namespace mucpt
