#include "curation/privacy/ip_address.h"

#include <arpa/inet.h>

#include <cstring>
#include <string>

namespace mucpt {

namespace {

std::optional<IpAddress> parse(std::string_view text, int family) {
  if (text.size() > 45) return std::nullopt;  // longer than any address (INET6_ADDRSTRLEN - 1)
  char buf[48];
  std::memcpy(buf, text.data(), text.size());
  buf[text.size()] = '\0';
  IpAddress ip;
  ip.v6 = family == AF_INET6;
  if (inet_pton(family, buf, ip.bytes.data()) != 1) return std::nullopt;
  return ip;
}

bool public_v4(const uint8_t* b) {
  const uint8_t a = b[0], c = b[1];
  if (a == 0 || a == 10 || a == 127 || a >= 224) return false;  // this-network, private, loopback, multicast, reserved
  if (a == 100 && (c & 0xC0) == 64) return false;                // 100.64.0.0/10 shared (CGNAT)
  if (a == 169 && c == 254) return false;                        // link-local
  if (a == 172 && (c & 0xF0) == 16) return false;                // 172.16.0.0/12
  if (a == 192 && c == 168) return false;
  if (a == 192 && c == 0 && (b[2] == 0 || b[2] == 2)) return false;  // IETF assignments, TEST-NET-1
  if (a == 198 && (c & 0xFE) == 18) return false;                    // benchmarking 198.18.0.0/15
  if (a == 198 && c == 51 && b[2] == 100) return false;              // TEST-NET-2
  if (a == 203 && c == 0 && b[2] == 113) return false;               // TEST-NET-3
  return true;
}

bool public_v6(const uint8_t* b) {
  static const uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::memcmp(b, kMappedPrefix, 12) == 0) return public_v4(b + 12);
  if ((b[0] & 0xE0) != 0x20) return false;  // only 2000::/3 is global unicast
  if (b[0] == 0x20 && b[1] == 0x01) {
    if (b[2] == 0x0D && b[3] == 0xB8) return false;  // 2001:db8::/32 documentation
    if (b[2] < 0x02) return false;                   // 2001::/23 IETF protocol assignments
  }
  if (b[0] == 0x20 && b[1] == 0x02) return false;  // 6to4 relays
  return true;
}

}  // namespace

std::optional<IpAddress> parse_ipv4(std::string_view text) { return parse(text, AF_INET); }
std::optional<IpAddress> parse_ipv6(std::string_view text) { return parse(text, AF_INET6); }

bool is_public(const IpAddress& ip) { return ip.v6 ? public_v6(ip.bytes.data()) : public_v4(ip.bytes.data()); }

}  // namespace mucpt
