#pragma once
// The privacy stage's options, `privacy.*` (read from the configuration with the
// source's manifest overrides): privacy.enabled, privacy.max_hits,
// privacy.public_ip_only, and per type privacy.<type> (mask it or not) and
// privacy.<type>_token (its replacement).
#include <array>
#include <cstdint>
#include <string>

#include "common/config.h"
#include "common/declared_options.h"
#include "curation/privacy/pii_type.h"

namespace mucpt {

struct PrivacyOptions {
  bool masking = true;  // privacy.enabled: the stage runs at all
  // Documents with more masked spans than this are rejected as too_much_pii (0: no
  // limit). dolma drops documents above 5; forum posts here often carry a contact
  // address or two per message in a thread, so the default is 20: it keeps ordinary
  // threads and still drops contact lists, leaked dumps and scraped directories.
  int64_t max_hits = 20;
  // Mask only globally routable addresses (as datatrove does); off by default,
  // since private addresses beside names and ports still map someone's network.
  bool public_ip_only = false;
  std::array<bool, kPiiTypeCount> enabled{};
  std::array<std::string, kPiiTypeCount> tokens;

  PrivacyOptions() {
    for (const PiiTypeInfo& t : pii_types()) {
      enabled[static_cast<size_t>(t.type)] = true;
      tokens[static_cast<size_t>(t.type)] = t.default_token;
    }
  }

  template <class Visitor>
  void visit(Visitor&& v) {
    v("privacy.enabled", masking, "mask personal and secret data with typed tokens");
    v("privacy.max_hits", max_hits, "reject documents with more masked spans than this (0: no limit)");
    v("privacy.public_ip_only", public_ip_only, "mask only globally routable IP addresses");
    for (const PiiTypeInfo& t : pii_types()) {
      const auto i = static_cast<size_t>(t.type);
      v(std::string("privacy.") + t.name, enabled[i], std::string("mask ") + t.help);
      v(std::string("privacy.") + t.name + "_token", tokens[i], std::string("replacement for ") + t.help);
    }
  }
};

// Reads the options from anything with get_bool/get_int/get_string of `section.key`
// (StageSettings, Config).
template <class Settings>
PrivacyOptions privacy_options_from(const Settings& settings) {
  PrivacyOptions o = read_options<PrivacyOptions>(settings);
  if (o.max_hits < 0) throw ConfigError("privacy.max_hits must not be negative");
  return o;
}

}  // namespace mucpt
