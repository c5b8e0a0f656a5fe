#pragma once
// IP address candidates are confirmed by the system parser (inet_pton) rather than by
// a regex that would have to encode octet ranges and every IPv6 compression; the
// classification below lets the stage mask only public addresses when asked to.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mucpt {

struct IpAddress {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  // IPv4 uses the first 4
};

// Dotted-quad IPv4 without leading zeros, as inet_pton(AF_INET) accepts it.
std::optional<IpAddress> parse_ipv4(std::string_view text);
// Any textual IPv6 form inet_pton(AF_INET6) accepts (with "::" and IPv4 tails).
std::optional<IpAddress> parse_ipv6(std::string_view text);

// A globally routable unicast address: not private, loopback, link-local, shared
// (CGNAT), documentation, benchmarking, multicast or reserved. IPv4-mapped IPv6
// addresses are judged by their IPv4 part.
bool is_public(const IpAddress& ip);

}  // namespace mucpt
