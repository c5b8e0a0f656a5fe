#include "curation/stages/length_filter.h"

#include <cstring>

#include "common/measure_cache.h"

namespace mucpt {

uint64_t count_characters(const std::string& utf8) {
  // Characters are the bytes that are not continuation bytes (10xxxxxx); 8 at a time.
  constexpr uint64_t highs = 0x8080808080808080ULL;
  uint64_t continuation = 0;
  size_t i = 0;
  for (; i + 8 <= utf8.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, utf8.data() + i, 8);
    continuation += static_cast<uint64_t>(__builtin_popcountll(w & ~(w << 1) & highs));
  }
  for (; i < utf8.size(); ++i) continuation += (static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80;
  return utf8.size() - continuation;
}

namespace {
enum Condition : size_t { kEmpty = 1 };
}

const RuleTable& length_rules() {
  static const RuleTable table{"length",
                               {"characters"},
                               {{"length.min_chars", 0, Rejects::below, "empty_text", kEmpty},
                                {"length.min_chars", 0, Rejects::below, "too_short"},
                                {"length.max_chars", 0, Rejects::above, "too_long"}},
                               {"empty text"},
                               {}};
  return table;
}

Verdict LengthFilter::verdict_of(double characters) const {
  return rules_.decide(&characters, [&](size_t) { return characters == 0; });
}

Verdict LengthFilter::process(Document& doc) {
  // Counting costs no more than hashing the text would: the count is always taken
  // again and never looked up by key, so it is stored without one (0).
  const double characters = static_cast<double>(count_characters(doc.text));
  store_measures(doc, name(), 0, 1)->number = characters;
  return verdict_of(characters);
}

std::optional<Verdict> LengthFilter::decide_on_measures(const Document& doc) const {
  const Score* found = stored_measures(doc, name(), 1);
  if (!found) return std::nullopt;
  return verdict_of(found->number);
}

}  // namespace mucpt
