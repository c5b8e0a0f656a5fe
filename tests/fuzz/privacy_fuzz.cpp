// The privacy scanner and its validators on arbitrary text: the matches are sorted,
// inside the text, their mask spans non-empty, disjoint and on UTF-8 character
// boundaries; masking keeps every byte outside them. The address parsers and check
// digits are fed the same bytes.
#include <array>
#include <string>
#include <vector>

#include "curation/privacy/checksums.h"
#include "curation/privacy/ip_address.h"
#include "curation/privacy/pii_scanner.h"
#include "curation/privacy/validators.h"
#include "tests/fuzz/fuzz_support.h"

using namespace mucpt;

namespace {

bool continuation(std::string_view text, size_t i) {
  return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
}

const PiiScanner& scanner(bool public_ip_only) {
  auto make = [](bool public_only) {
    std::array<bool, kPiiTypeCount> all;
    all.fill(true);
    ValidationOptions options;
    options.public_ip_only = public_only;
    options.current_year = 2025;  // inputs must replay the same in later years
    return PiiScanner::for_types(all, options);
  };
  static const PiiScanner every_ip = make(false), public_ip = make(true);
  return public_ip_only ? public_ip : every_ip;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the options, the rest is the text.
  const bool public_ip_only = data[0] & 1;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  std::vector<PiiMatch> matches;
  std::array<uint64_t, kPiiTypeCount> refused{};
  scanner(public_ip_only).scan(text, matches, &refused);
  size_t previous_end = 0;
  for (const PiiMatch& m : matches) {
    if (m.start > m.end || m.end > text.size()) fuzz::fail("match outside the text");
    if (m.mask_start >= m.mask_end || m.mask_end > text.size()) fuzz::fail("empty mask or mask outside the text");
    if (m.mask_start < previous_end) fuzz::fail("masks overlap or are out of order");
    if (continuation(text, m.mask_start) || continuation(text, m.mask_end)) fuzz::fail("mask cuts a UTF-8 character");
    previous_end = m.mask_end;
  }
  std::array<std::string, kPiiTypeCount> tokens;
  tokens.fill("#");
  std::string masked;
  apply_masks(text, matches, tokens, masked);
  size_t kept = text.size();
  for (const PiiMatch& m : matches) kept -= m.mask_end - m.mask_start;
  if (masked.size() != kept + matches.size()) fuzz::fail("masking changed bytes outside the masks");

  parse_ipv4(text);
  if (auto ip = parse_ipv6(text)) is_public(*ip);
  luhn_valid(text);
  card_issuer_plausible(text);
  cn_resident_id_valid(text, 2025);
  if (text.size() >= 17) iso7064_mod11_2_check(text.substr(0, 17));
  looks_random(text);
  return 0;
}
