#include "curation/privacy/validators.h"

#include <utf8proc.h>

#include <algorithm>
#include <string>

#include "common/unicode.h"
#include "curation/privacy/checksums.h"
#include "curation/privacy/ip_address.h"

namespace mucpt {

namespace {

// Bytes are read as ints so that "no byte" (-1, before the start or past the end) and
// UTF-8 bytes (>= 0x80, never letters or digits here) compare safely.
int at(std::string_view t, size_t i) { return i < t.size() ? static_cast<unsigned char>(t[i]) : -1; }
int before(std::string_view t, size_t i) { return i > 0 && i <= t.size() ? static_cast<unsigned char>(t[i - 1]) : -1; }

bool is_digit(int c) { return c >= '0' && c <= '9'; }
bool is_upper(int c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(int c) { return c >= 'a' && c <= 'z'; }
bool is_alpha(int c) { return is_upper(c) || is_lower(c); }
bool is_alnum(int c) { return is_digit(c) || is_alpha(c); }
bool is_hex(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_word(int c) { return is_alnum(c) || c == '_'; }
bool is_local_char(int c) { return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; }
bool is_joiner(int c) { return c == '-' || c == '.' || c == '/' || c == ','; }

// The bytes of the character that ends at text[end - 1] when it is a letter of a cased
// script or a combining mark ("josé", "müller", "иван"), which an address's local part
// may hold; else 0. Letters of uncased scripts (CJK) end an address instead: those
// scripts run into the address without a space.
size_t local_letter_before(std::string_view text, size_t end) {
  size_t begin = end;
  while (begin > 0 && end - begin < 3 && (static_cast<unsigned char>(text[begin - 1]) & 0xC0) == 0x80) --begin;
  if (begin == end || begin == 0) return 0;
  --begin;  // the lead byte
  if (utf8_sequence_length(text.data() + begin, end - begin) != end - begin) return 0;
  size_t i = begin;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(next_code_point(text, i)))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_MN:
      return end - begin;
    default:
      return 0;
  }
}

// The bytes of the local-part character before text[end]: 1 for ASCII, a letter's
// bytes (local_letter_before), 0 where the local part ends.
size_t local_char_before(std::string_view text, size_t end) {
  return is_local_char(before(text, end)) ? 1 : local_letter_before(text, end);
}

// The most of a token, key or query value a validator takes in beyond its pattern:
// more than real secrets (a signed JWT runs to a kilobyte or two) and a bound on the
// work a text made of back-to-back candidates can cause.
constexpr size_t kMaxSecret = 2048;

// Characters of base64, base64url and the usual token alphabets.
bool is_token_char(int c) { return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/'; }
// Characters of a query-string value.
bool is_query_value_char(int c) {
  return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '%' || c == '+' || c == '/' || c == '=';
}

// A number stands alone: no letter or digit touches it, no '+' makes it part of an
// international number, and it does not continue a longer number through a joining
// character ("1-212-555-1234-5", "3.14159...", "12/05/2019").
bool number_stands_alone(std::string_view t, size_t start, size_t end) {
  int p = before(t, start);
  if (is_word(p) || p == '+') return false;
  if (is_joiner(p) && is_digit(before(t, start - 1))) return false;
  int n = at(t, end);
  if (is_word(n)) return false;
  if (is_joiner(n) && is_digit(at(t, end + 1))) return false;
  return true;
}

std::string digits_of(std::string_view s) {
  std::string d;
  for (char c : s)
    if (is_digit(static_cast<unsigned char>(c))) d += c;
  return d;
}

// The separators between digit groups, in order ("" for a plain number).
std::string separators_of(std::string_view s) {
  std::string seps;
  for (size_t i = 1; i < s.size(); ++i) {
    int c = static_cast<unsigned char>(s[i]);
    if ((c == ' ' || c == '-' || c == '.' || c == '/') && is_digit(static_cast<unsigned char>(s[i - 1]))) seps += static_cast<char>(c);
  }
  return seps;
}

bool all_same(std::string_view s) {
  for (char c : s)
    if (c != s[0]) return false;
  return true;
}

std::string_view span(std::string_view t, size_t start, size_t end) { return t.substr(start, end - start); }

void mask_whole(PiiMatch& m) {
  m.mask_start = m.start;
  m.mask_end = m.end;
}

// The national significant number after "+<country code>", without a written trunk
// "(0)": "+49 (0)30 1234567" gives "301234567".
std::string national_digits(std::string_view s, size_t country_code_digits) {
  std::string d = digits_of(s).substr(country_code_digits);
  if (s.find("(0)") != std::string_view::npos && !d.empty() && d[0] == '0') d.erase(0, 1);
  return d;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

bool looks_random(std::string_view token) {
  bool lower = false, later_upper = false;
  for (size_t i = 0; i < token.size(); ++i) {
    int c = static_cast<unsigned char>(token[i]);
    if (is_digit(c) || !is_alpha(c)) return true;
    lower |= is_lower(c);
    later_upper |= i > 0 && is_upper(c);
  }
  return later_upper && lower;
}

bool check_email(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  // The pattern matched from the last byte of the local part; walk back over the whole
  // of it from the '@', a step past the 64 bytes a local part may have.
  const size_t at_sign = m.start + 1;
  m.start = at_sign;
  while (at_sign - m.start <= 64)
    if (const size_t n = local_char_before(text, m.start); n > 0) m.start -= n;
    else break;
  if (local_char_before(text, m.start) > 0) return false;
  while (m.start < at_sign && text[m.start] == '.') ++m.start;  // "...bob@x.org": the dots end a sentence
  std::string_view local = span(text, m.start, at_sign);
  if (local.empty() || local.size() > 64 || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
  std::string_view domain = span(text, at_sign + 1, m.end);
  if (domain.size() > 253) return false;
  size_t label_start = 0;
  for (size_t i = 0; i <= domain.size(); ++i) {
    if (i < domain.size() && domain[i] != '.') continue;
    std::string_view label = domain.substr(label_start, i - label_start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    label_start = i + 1;
  }
  // The pattern took the longest domain it could; a letter, digit or hyphen right
  // after it means the domain continues in a form no address has ("x@y.com2").
  int n = at(text, m.end);
  if (is_alnum(n) || n == '-') return false;
  mask_whole(m);
  return true;
}

bool check_phone_us(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  if (!number_stands_alone(text, m.start, m.end)) return false;
  std::string_view s = span(text, m.start, m.end);
  std::string d = digits_of(s);
  if (s[0] == '+') {
    if (d.size() != 11) return false;
  } else {
    // Written nationally, a US number needs its usual shape: "(212) 555-1234",
    // "212-555-1234" or "212.555.1234". Ten bare digits are too often something else.
    if (d.size() != 10) return false;
    if (s[0] != '(') {
      std::string seps = separators_of(s);
      if (seps.size() != 2 || seps[0] != seps[1] || seps[0] == ' ' || seps[0] == '/') return false;
    }
  }
  mask_whole(m);
  return true;
}

bool check_phone_uk(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  if (!number_stands_alone(text, m.start, m.end)) return false;
  std::string_view s = span(text, m.start, m.end);
  size_t n;
  if (starts_with(s, "+44")) {
    n = national_digits(s, 2).size();
  } else {
    if (s.find(' ') == std::string_view::npos) return false;  // "020 7123 4567", not a bare digit run
    n = digits_of(s).size() - 1;                                // without the trunk 0
  }
  if (n < 9 || n > 10) return false;
  mask_whole(m);
  return true;
}

bool check_phone_de(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  if (!number_stands_alone(text, m.start, m.end)) return false;
  std::string_view s = span(text, m.start, m.end);
  // Area code (2-5 digits) and subscriber number together have 6 to 11 digits; a
  // direct-dial extension ("-89") may add up to 5 more, but then the base is whole.
  size_t n = starts_with(s, "+49") ? national_digits(s, 2).size() : digits_of(s).size() - 1;
  if (n < 7 || n > 13) return false;
  mask_whole(m);
  return true;
}

bool check_phone_fr(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  if (!number_stands_alone(text, m.start, m.end)) return false;
  std::string_view s = span(text, m.start, m.end);
  bool international = starts_with(s, "+33");
  size_t n = international ? national_digits(s, 2).size() : digits_of(s).size() - 1;
  if (n != 9) return false;
  // The pairs are written with one separator throughout: "01 23 45 67 89", "01.23.45.67.89".
  std::string seps = separators_of(international ? s.substr(3) : s);
  if (!all_same(seps)) return false;
  mask_whole(m);
  return true;
}

bool check_phone_cn(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  if (!number_stands_alone(text, m.start, m.end)) return false;
  std::string_view s = span(text, m.start, m.end);
  std::string_view number = s;
  if (starts_with(s, "+86")) number = s.substr(3);
  else if (starts_with(s, "0086")) number = s.substr(4);
  while (!number.empty() && (number[0] == ' ' || number[0] == '-')) number.remove_prefix(1);
  std::string d = digits_of(number);
  if (d.size() != 11 || d[0] != '1') return false;
  // Mobile prefixes allocated by MIIT: 13x, 145-149, 15x (not 154), 162/165-167, 170-178, 18x, 19x (not 194).
  const int second = d[1] - '0', third = d[2] - '0';
  bool allocated;
  switch (second) {
    case 3: case 8: allocated = true; break;
    case 4: allocated = third >= 5; break;
    case 5: allocated = third != 4; break;
    case 6: allocated = third == 2 || (third >= 5 && third <= 7); break;
    case 7: allocated = third <= 8; break;
    case 9: allocated = third != 4; break;
    default: allocated = false;
  }
  if (!allocated) return false;
  std::string seps = separators_of(number);
  if (!seps.empty() && (seps.size() != 2 || seps[0] != seps[1])) return false;  // 138 1234 5678
  mask_whole(m);
  return true;
}

bool check_phone_international(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  m.start = text.find('+', m.start);  // past the character the pattern anchors on
  if (!number_stands_alone(text, m.start, m.end)) return false;
  std::string_view s = span(text, m.start, m.end);
  // The plans with rows of their own decide their numbers alone; so do the CN mobile
  // rows for "+86 1[3-9]..." (a Beijing landline, "+86 10 ...", is still judged here).
  for (std::string_view own : {"+1", "+44", "+49", "+33"})
    if (starts_with(s, own)) return false;
  if (starts_with(s, "+86")) {
    std::string national = digits_of(s.substr(3));
    if (national.size() >= 2 && national[0] == '1' && national[1] >= '3') return false;
  }
  // E.164 allows at most 15 digits with the country code; fewer than 8 is a score
  // ("+3 2 1") or an offset, not a reachable number.
  size_t n = digits_of(s).size();
  if (n < 8 || n > 15) return false;
  size_t open = 0;
  for (char c : s) open += c == '(';
  if (open > 1) return false;
  mask_whole(m);
  return true;
}

bool check_ipv4(std::string_view text, PiiMatch& m, const ValidationOptions& options) {
  // Not the tail of a longer dotted run ("v1.2.3.4", "1.2.3.4.5" is a version number).
  int p = before(text, m.start);
  if (is_word(p) || p == '.') return false;
  int n = at(text, m.end);
  if (is_word(n) || (n == '.' && is_alnum(at(text, m.end + 1)))) return false;
  auto ip = parse_ipv4(span(text, m.start, m.end));
  if (!ip || (options.public_ip_only && !is_public(*ip))) return false;
  mask_whole(m);
  return true;
}

bool check_ipv6(std::string_view text, PiiMatch& m, const ValidationOptions& options) {
  // Take in the rest of a first group the pattern started inside of.
  for (int k = 0; k < 4 && m.start > 0 && is_hex(before(text, m.start)); ++k) --m.start;
  int p = before(text, m.start);
  if (is_word(p) || p == ':' || p == '.') return false;
  // A ':' after the longest match means more groups than an address has ("1::2::3").
  int n = at(text, m.end);
  if (is_word(n) || n == ':' || (n == '.' && is_alnum(at(text, m.end + 1)))) return false;
  std::string_view s = span(text, m.start, m.end);
  // Look-alikes of "::" compression: "Abc::Def" (a C++ scope), "a::b". Real addresses
  // have digits, at least two groups, and one letter case per group.
  size_t groups = 0;
  bool digit = false, upper = false, lower = false;
  for (size_t i = 0; i <= s.size(); ++i) {
    int c = i < s.size() ? static_cast<unsigned char>(s[i]) : ':';
    if (c == ':' || c == '.') {
      if (upper && lower) return false;
      groups += i > 0 && s[i - 1] != ':';
      upper = lower = false;
      continue;
    }
    digit |= is_digit(c);
    upper |= is_upper(c);
    lower |= is_lower(c);
  }
  if (!digit || groups < 2) return false;
  auto ip = parse_ipv6(s);
  if (!ip || (options.public_ip_only && !is_public(*ip))) return false;
  mask_whole(m);
  return true;
}

bool card_issuer_plausible(std::string_view d) {
  const size_t len = d.size();
  if (len < 14 || len > 19) return false;
  const int two = (d[0] - '0') * 10 + (d[1] - '0');
  const int three = two * 10 + (d[2] - '0');
  const int four = three * 10 + (d[3] - '0');
  if (d[0] == '4') return len == 16 || len == 19;                         // Visa
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return len == 16;  // Mastercard
  if (two == 34 || two == 37) return len == 15;                           // American Express
  if (two == 36 || two == 38 || two == 39 || (three >= 300 && three <= 305)) return len >= 14 && len <= 16;  // Diners
  if (four == 6011 || two == 65 || (three >= 644 && three <= 649)) return len >= 16;  // Discover
  if (four >= 3528 && four <= 3589) return len >= 16;                     // JCB
  if (two == 62) return len >= 16;                                        // UnionPay
  if (four >= 2200 && four <= 2204) return len >= 16;                     // Mir
  return false;
}

bool check_card(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  if (!number_stands_alone(text, m.start, m.end)) return false;
  std::string_view s = span(text, m.start, m.end);
  if (!all_same(separators_of(s))) return false;  // "4111 1111-1111 1111" is not one number
  std::string d = digits_of(s);
  if (!card_issuer_plausible(d) || !luhn_valid(d)) return false;
  mask_whole(m);
  return true;
}

bool check_cn_id(std::string_view text, PiiMatch& m, const ValidationOptions& options) {
  if (!number_stands_alone(text, m.start, m.end)) return false;
  if (!cn_resident_id_valid(span(text, m.start, m.end), options.current_year)) return false;
  mask_whole(m);
  return true;
}

bool check_url_userinfo(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  const size_t scheme_end = text.find("://", m.start);
  if (scheme_end == std::string_view::npos || scheme_end >= m.end) return false;
  const size_t info_start = scheme_end + 3, info_end = m.end - 1;  // the match ends with '@'
  std::string_view info = span(text, info_start, info_end);
  const size_t colon = info.find(':');
  if (colon == std::string_view::npos || colon + 1 == info.size()) return false;  // no password
  if (info.size() > 256) return false;  // longer than any user name and password
  m.mask_start = info_start;
  m.mask_end = info_end;
  // The match grows over the host name (at most 253 characters), so it outranks the
  // "password@host" an e-mail pattern sees inside it.
  const size_t host = m.end;
  while (m.end < text.size() && m.end - host < 253 && (is_alnum(at(text, m.end)) || text[m.end] == '.' || text[m.end] == '-'))
    ++m.end;
  return true;
}

bool check_url_query_secret(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  const size_t eq = text.find('=', m.start);
  if (eq == std::string_view::npos || eq >= m.end) return false;
  std::string name(span(text, m.start + 1, eq));
  for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  size_t end = eq + 1;
  while (end < text.size() && end - eq <= kMaxSecret && is_query_value_char(at(text, end))) ++end;
  std::string_view value = span(text, eq + 1, end);
  const bool password = name == "password" || name == "passwd" || name == "pwd" || name == "secret" ||
                        name == "client_secret";
  if (value.size() < 8 || (!password && !looks_random(value))) return false;
  m.end = end;
  m.mask_start = eq + 1;
  m.mask_end = end;
  return true;
}

bool check_aws_key(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  if (is_alnum(before(text, m.start)) || is_alnum(at(text, m.end))) return false;
  mask_whole(m);
  return true;
}

bool check_bearer_token(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  if (is_alnum(before(text, m.start))) return false;  // "cupbearer"
  size_t token = m.start + 6;                         // past "bearer"
  while (text[token] == ' ' || text[token] == '\t') ++token;
  size_t end = m.end;
  while (end < text.size() && end - token < kMaxSecret && is_token_char(at(text, end))) ++end;
  while (end < text.size() && text[end] == '=') ++end;  // base64 padding
  if (!looks_random(span(text, token, end))) return false;  // "bearer responsibilities"
  m.end = end;
  m.mask_start = token;
  m.mask_end = end;
  return true;
}

bool check_pem_private_key(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  // Through the END line when one follows within 64 KiB (far more than any key) with
  // only PEM characters before it; otherwise (a truncated paste) through the base64
  // words that follow, which are long where prose words are short.
  const size_t limit = std::min(text.size(), m.end + (size_t{64} << 10));
  for (size_t i = m.end; i < limit; ++i) {
    int c = at(text, i);
    if (c == '-' && text.compare(i, 10, "-----BEGIN") == 0) break;  // the next block's own match
    if (c == '-' && text.compare(i, 8, "-----END") == 0) {
      size_t close = text.find("-----", i + 8);
      if (close != std::string_view::npos && close - i < 80) {
        m.end = close + 5;
        mask_whole(m);
        return true;
      }
      break;
    }
    if (!(is_alnum(c) || c == '+' || c == '/' || c == '=' || c == ':' || c == ',' || c == '-' || c == ' ' ||
          c == '\t' || c == '\r' || c == '\n'))
      break;
  }
  size_t i = m.end;
  while (i < limit) {
    size_t word = i;
    while (word < limit && (text[word] == ' ' || text[word] == '\t' || text[word] == '\r' || text[word] == '\n')) ++word;
    size_t end = word;
    while (end < limit && (is_alnum(at(text, end)) || text[end] == '+' || text[end] == '/' || text[end] == '=')) ++end;
    // A full base64 line, or the short last line of the body; a word such as "rest"
    // after the body is prose.
    if (end - word < 16 && !(end - word >= 4 && looks_random(span(text, word, end)))) break;
    m.end = i = end;
    if (end - word < 16) break;
  }
  mask_whole(m);
  return true;
}

bool check_prefixed_token(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  if (is_word(before(text, m.start))) return false;
  while (m.end < text.size() && m.end - m.start < kMaxSecret &&
         (is_word(at(text, m.end)) || at(text, m.end) == '-'))
    ++m.end;
  mask_whole(m);
  return true;
}

bool check_secret_assignment(std::string_view text, PiiMatch& m, const ValidationOptions&) {
  if (is_alnum(before(text, m.start))) return false;  // "mypassword" is not the key "password"
  size_t sep = m.start;
  while (sep < m.end && text[sep] != ':' && text[sep] != '=') ++sep;
  std::string name(span(text, m.start, sep));
  for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  size_t value = sep + 1;
  while (value < m.end && (text[value] == ' ' || text[value] == '\t')) ++value;
  int quote = at(text, value);
  if (quote == '"' || quote == '\'') ++value;
  else quote = -1;
  size_t end = value;
  while (end < text.size() && end - value < kMaxSecret) {
    int c = at(text, end);
    // A quoted value may hold any printable character; a bare one ends at the
    // first character no token alphabet uses.
    bool inside = quote >= 0 ? (c > ' ' && c < 0x7F && c != quote) : (is_token_char(c) || c == '=');
    if (!inside) break;
    ++end;
  }
  std::string_view v = span(text, value, end);
  const bool password = name.find("pass") != std::string::npos;
  if (v.size() < 8 || (!password && !looks_random(v))) return false;
  m.end = end;
  m.mask_start = value;
  m.mask_end = end;
  return true;
}

}  // namespace mucpt
