#pragma once
// Personal and secret data planted in documents: generators that produce realistic,
// checksum-valid values of every type, and the sentences that carry them.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "synth/rng.h"

namespace mucpt::synth {

enum class PiiType : int { email, phone, ipv4, ipv6, card, cn_id, url_credential, aws_key, bearer_token };
constexpr int kPiiTypeCount = 9;
const char* pii_type_name(PiiType t);

// Each type has several surface formats (national phone formats, card separators,
// public and private addresses...). Generators take the format index so a planner can
// make sure every one of them occurs.
int pii_format_count(PiiType t);
std::string make_pii_value(PiiType t, int format, Rng& rng);

// Check digits, used by the generators (and handy to verify them).
char luhn_check_digit(const std::string& digits_without_check);
char cn_id_check_digit(const std::string& first17);

struct Doc;
// Appends a sentence that carries one value of type t in the given format, recording
// its exact byte span. formal selects news-style wording instead of forum chatter.
void append_pii_sentence(Doc& doc, PiiType t, int format, bool formal, Rng& rng);

// Decides which documents carry PII and of which types and formats: every type and
// format first reaches a minimum count (so even a tiny world has them all), then
// documents carry PII with the configured probability.
class PiiPlanner {
 public:
  PiiPlanner(double probability, int minimum_per_format)
      : probability_(probability), minimum_per_format_(minimum_per_format) {}

  struct Item {
    PiiType type;
    int format;
  };
  // The values to plant in the next eligible document (empty for most).
  std::vector<Item> plan(Rng& rng);

 private:
  static constexpr int kMinimumPerType = 3;
  // A format of the type still below its minimum counting pending items, or -1.
  int needed_format(int type, const std::vector<Item>& pending) const;

  double probability_;
  int minimum_per_format_;
  std::array<std::vector<int>, kPiiTypeCount> planted_{};  // per type, per format
};

}  // namespace mucpt::synth
