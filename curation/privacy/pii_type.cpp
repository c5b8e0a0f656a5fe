#include "curation/privacy/pii_type.h"

namespace mucpt {

const std::array<PiiTypeInfo, kPiiTypeCount>& pii_types() {
  static const std::array<PiiTypeInfo, kPiiTypeCount> kTypes = {{
      {PiiType::email, "email", "<|EMAIL|>", "e-mail addresses"},
      {PiiType::phone, "phone", "<|PHONE|>", "phone numbers (international; US, UK, DE, FR national; Chinese mobiles)"},
      {PiiType::ipv4, "ipv4", "<|IP_ADDRESS|>", "IPv4 addresses"},
      {PiiType::ipv6, "ipv6", "<|IP_ADDRESS|>", "IPv6 addresses"},
      {PiiType::card, "card", "<|CARD|>", "payment card numbers (Luhn-checked)"},
      {PiiType::cn_id, "cn_id", "<|ID_NUMBER|>", "Chinese resident ID numbers (ISO 7064 check digit, birth date)"},
      {PiiType::url_credential, "url_credential", "<|URL_CREDENTIAL|>",
       "credentials in URLs: user:password@ and token, access_key, api_key... query values"},
      {PiiType::aws_key, "aws_key", "<|SECRET|>", "AWS access key ids"},
      {PiiType::bearer_token, "bearer_token", "<|SECRET|>", "bearer tokens (Authorization: Bearer ...)"},
      {PiiType::private_key, "private_key", "<|SECRET|>", "PEM private-key blocks"},
      {PiiType::secret, "secret", "<|SECRET|>",
       "other secrets: GitHub, Slack, Google, Stripe tokens; api_key = ..., password = ... assignments"},
  }};
  return kTypes;
}

const PiiTypeInfo& pii_type_info(PiiType t) { return pii_types()[static_cast<size_t>(t)]; }

}  // namespace mucpt
