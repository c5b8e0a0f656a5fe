#pragma once
// The kinds of personal and secret data the privacy stage masks, with their option
// names and the typed tokens that replace them by default.
#include <array>
#include <cstddef>

namespace mucpt {

enum class PiiType : int {
  email,
  phone,
  ipv4,
  ipv6,
  card,
  cn_id,
  url_credential,
  aws_key,
  bearer_token,
  private_key,
  secret,
};
constexpr size_t kPiiTypeCount = 11;

struct PiiTypeInfo {
  PiiType type;
  const char* name;           // counters and options: privacy.<name>, privacy.<name>_token
  const char* default_token;  // what replaces a masked span
  const char* help;
};

const std::array<PiiTypeInfo, kPiiTypeCount>& pii_types();
const PiiTypeInfo& pii_type_info(PiiType t);
inline const char* pii_type_name(PiiType t) { return pii_type_info(t).name; }

}  // namespace mucpt
