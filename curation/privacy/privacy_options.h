#pragma once
// The privacy stage's options, read from `privacy.*` settings (the configuration with
// the source's manifest overrides): privacy.enabled, privacy.max_hits,
// privacy.public_ip_only, and per type privacy.<type> (mask it or not) and
// privacy.<type>_token (its replacement).
#include <array>
#include <cstdint>
#include <string>

#include "common/config.h"
#include "curation/privacy/pii_type.h"

namespace mucpt {

struct PrivacyOptions {
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
};

// Reads the options from anything with get_bool/get_int/get_string of `section.key`
// (StageSettings, Config).
template <class Settings>
PrivacyOptions privacy_options_from(const Settings& settings) {
  PrivacyOptions o;
  o.max_hits = settings.get_int("privacy.max_hits");
  if (o.max_hits < 0) throw ConfigError("privacy.max_hits must not be negative");
  o.public_ip_only = settings.get_bool("privacy.public_ip_only");
  for (const PiiTypeInfo& t : pii_types()) {
    const std::string key = std::string("privacy.") + t.name;
    o.enabled[static_cast<size_t>(t.type)] = settings.get_bool(key);
    o.tokens[static_cast<size_t>(t.type)] = settings.get_string(key + "_token");
  }
  return o;
}

}  // namespace mucpt
