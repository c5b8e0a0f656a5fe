#include "common/measure_cache.h"

#include "common/hashing.h"

namespace mucpt {

namespace {

bool is_entry(const Score& s) { return !s.name.empty(); }

// The position of the stage's entry in doc.measured, or measured.size().
size_t entry_of(const Document& doc, std::string_view stage) {
  size_t i = 0;
  while (i < doc.measured.size() && doc.measured[i].name != stage) ++i;
  return i;
}

// The entry's values when it has exactly `count` of them, else null.
const Score* values_of(const Document& doc, size_t at, size_t count) {
  const auto& m = doc.measured;
  if (at + 1 + count > m.size() || (at + 1 + count < m.size() && !is_entry(m[at + 1 + count]))) return nullptr;
  for (size_t i = at + 1; i <= at + count; ++i)
    if (is_entry(m[i])) return nullptr;
  return &m[at + 1];
}

}  // namespace

uint64_t measure_key(std::string_view text, uint64_t how) { return hash64(text, how) >> 11; }

const Score* find_measures(const Document& doc, std::string_view stage, uint64_t key, size_t count) {
  const size_t at = entry_of(doc, stage);
  if (at == doc.measured.size() || doc.measured[at].number != static_cast<double>(key)) return nullptr;
  return values_of(doc, at, count);
}

const Score* stored_measures(const Document& doc, std::string_view stage, size_t count) {
  const size_t at = entry_of(doc, stage);
  return at == doc.measured.size() ? nullptr : values_of(doc, at, count);
}

Score* store_measures(Document& doc, std::string_view stage, uint64_t key, size_t count) {
  auto& m = doc.measured;
  const size_t at = entry_of(doc, stage);
  if (at == m.size()) {
    m.resize(m.size() + 1 + count);  // the new values are value-initialised
    m[at].name.assign(stage);
  } else {
    // Drop the earlier values, whatever their number, and make room for the new ones.
    size_t end = at + 1;
    while (end < m.size() && !is_entry(m[end])) ++end;
    const auto first = m.begin() + static_cast<std::ptrdiff_t>(at + 1);
    m.insert(m.erase(first, m.begin() + static_cast<std::ptrdiff_t>(end)), count, Score{});
  }
  m[at].number = static_cast<double>(key);
  return &m[at + 1];
}

}  // namespace mucpt
