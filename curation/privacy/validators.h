#pragma once
// The code that confirms each pattern's candidates (see pattern_table.cpp): boundary
// checks against the surrounding text, digit counts, check digits, address parsing,
// and the trimming or extending of a match to what should be masked. Patterns stay
// short and readable; the judgement lives here.
#include "curation/privacy/pii_match.h"

namespace mucpt {

bool check_email(std::string_view text, PiiMatch& m, const ValidationOptions& options);

// Phone numbers: one validator per national numbering plan, counting digits the way
// that plan writes them, plus one for any other "+<country code>" number.
bool check_phone_us(std::string_view text, PiiMatch& m, const ValidationOptions& options);
bool check_phone_uk(std::string_view text, PiiMatch& m, const ValidationOptions& options);
bool check_phone_de(std::string_view text, PiiMatch& m, const ValidationOptions& options);
bool check_phone_fr(std::string_view text, PiiMatch& m, const ValidationOptions& options);
bool check_phone_cn(std::string_view text, PiiMatch& m, const ValidationOptions& options);
bool check_phone_international(std::string_view text, PiiMatch& m, const ValidationOptions& options);

bool check_ipv4(std::string_view text, PiiMatch& m, const ValidationOptions& options);
bool check_ipv6(std::string_view text, PiiMatch& m, const ValidationOptions& options);
bool check_card(std::string_view text, PiiMatch& m, const ValidationOptions& options);
bool check_cn_id(std::string_view text, PiiMatch& m, const ValidationOptions& options);

// scheme://user:password@host...: masks "user:password", the match covers the URL.
bool check_url_userinfo(std::string_view text, PiiMatch& m, const ValidationOptions& options);
// ?token=..., &api_key=...: masks the value.
bool check_url_query_secret(std::string_view text, PiiMatch& m, const ValidationOptions& options);
bool check_aws_key(std::string_view text, PiiMatch& m, const ValidationOptions& options);
// Bearer <token>: masks the token.
bool check_bearer_token(std::string_view text, PiiMatch& m, const ValidationOptions& options);
// -----BEGIN ... PRIVATE KEY-----: masks the block through its END line.
bool check_pem_private_key(std::string_view text, PiiMatch& m, const ValidationOptions& options);
// A token with a vendor prefix (ghp_, xoxb-, AIza, sk_live_): masks the whole token.
bool check_prefixed_token(std::string_view text, PiiMatch& m, const ValidationOptions& options);
// api_key = ..., "password": "...": masks the value.
bool check_secret_assignment(std::string_view text, PiiMatch& m, const ValidationOptions& options);

// Whether a payment card number of this length can start with these digits (the
// issuer ranges of Visa, Mastercard, Amex, Discover, JCB, UnionPay, Diners, Mir).
bool card_issuer_plausible(std::string_view digits);
// Whether a token looks generated rather than like a word: it has a digit, a symbol,
// or capitals past its first character.
bool looks_random(std::string_view token);

}  // namespace mucpt
