#include "curation/privacy/pii_scanner.h"

#include <hs/hs.h>

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>

#include "curation/privacy/pattern_database.h"
#include "curation/privacy/pattern_table.h"

namespace mucpt {

namespace {

// Hyperscan reports, for each end offset, the leftmost start of each pattern. The
// reports of one pattern that share a start are one candidate, taken at its longest
// end (the patterns are written so that a shorter end is followed by more of the
// same value, which the validators refuse); it is validated as soon as a report with
// another start arrives, so memory holds only confirmed matches however many reports
// a hostile text provokes.
struct ScanState {
  std::string_view text;
  const std::vector<uint32_t>* rows;
  const std::vector<PatternRow>* table;
  const ValidationOptions* options;
  struct Open {
    unsigned long long from = 0, to = 0;
    bool active = false;
  };
  std::vector<Open>& open;
  std::vector<PiiMatch>* candidates;
  std::array<uint64_t, kPiiTypeCount>* refused;

  void judge(unsigned id, const Open& o) {
    const uint32_t row = (*rows)[id];
    const PatternRow& p = (*table)[row];
    PiiMatch m;
    m.type = p.type;
    m.row = row;
    m.start = static_cast<size_t>(o.from);
    m.end = static_cast<size_t>(o.to);
    if (p.validator(text, m, *options) && m.mask_start < m.mask_end) candidates->push_back(m);
    else if (refused) ++(*refused)[static_cast<size_t>(p.type)];
  }
};

int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned, void* context) {
  auto* s = static_cast<ScanState*>(context);
  ScanState::Open& o = s->open[id];
  if (o.active && o.from == from) {
    o.to = std::max(o.to, to);
    return 0;
  }
  if (o.active) s->judge(id, o);
  o = {from, to, true};
  return 0;
}

bool continuation_byte(std::string_view text, size_t i) {
  return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
}

}  // namespace

PiiScanner::PiiScanner(std::vector<uint32_t> rows, ValidationOptions options)
    : database_(PatternDatabase::get(std::move(rows))), options_(options) {}

PiiScanner PiiScanner::for_types(const std::array<bool, kPiiTypeCount>& enabled, ValidationOptions options) {
  std::vector<uint32_t> rows;
  const auto& table = pattern_table();
  for (uint32_t r = 0; r < table.size(); ++r)
    if (enabled[static_cast<size_t>(table[r].type)]) rows.push_back(r);
  return PiiScanner(std::move(rows), options);
}

void PiiScanner::scan(std::string_view text, std::vector<PiiMatch>& out,
                      std::array<uint64_t, kPiiTypeCount>* refused) const {
  out.clear();
  if (text.empty() || database_->rows().empty()) return;
  if (text.size() > std::numeric_limits<unsigned>::max())
    throw std::length_error("privacy scan: text longer than 4 GiB");
  thread_local std::vector<ScanState::Open> open;  // reused: most documents have no match at all
  open.assign(database_->rows().size(), ScanState::Open{});
  ScanState state{text, &database_->rows(), &pattern_table(), &options_, open, &out, refused};
  if (hs_scan(database_->database(), text.data(), static_cast<unsigned>(text.size()), 0, database_->scratch(),
              on_match, &state) != HS_SUCCESS)
    throw std::runtime_error("privacy scan: Hyperscan failed");
  for (unsigned id = 0; id < state.open.size(); ++id)
    if (state.open[id].active) state.judge(id, state.open[id]);
  // Validators only move spans over ASCII; this keeps the promise should one not.
  for (PiiMatch& m : out) {
    while (m.mask_start > 0 && continuation_byte(text, m.mask_start)) --m.mask_start;
    while (continuation_byte(text, m.mask_end)) ++m.mask_end;
  }
  resolve_overlaps(out);
}

void resolve_overlaps(std::vector<PiiMatch>& candidates) {
  if (candidates.size() < 2) return;
  std::sort(candidates.begin(), candidates.end(), [](const PiiMatch& a, const PiiMatch& b) {
    if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
    if (a.mask_end - a.mask_start != b.mask_end - b.mask_start) return a.mask_end - a.mask_start > b.mask_end - b.mask_start;
    if (a.row != b.row) return a.row < b.row;
    return a.start < b.start;
  });
  std::map<size_t, size_t> taken;  // mask start -> mask end
  size_t kept = 0;
  for (const PiiMatch& m : candidates) {
    auto next = taken.lower_bound(m.mask_start);
    if (next != taken.end() && next->first < m.mask_end) continue;
    if (next != taken.begin() && std::prev(next)->second > m.mask_start) continue;
    taken.emplace_hint(next, m.mask_start, m.mask_end);
    candidates[kept++] = m;
  }
  candidates.resize(kept);
  std::sort(candidates.begin(), candidates.end(),
            [](const PiiMatch& a, const PiiMatch& b) { return a.mask_start < b.mask_start; });
}

void apply_masks(std::string_view text, const std::vector<PiiMatch>& matches,
                 const std::array<std::string, kPiiTypeCount>& tokens, std::string& out) {
  out.clear();
  out.reserve(text.size());
  size_t pos = 0;
  for (const PiiMatch& m : matches) {
    out.append(text, pos, m.mask_start - pos);
    out += tokens[static_cast<size_t>(m.type)];
    pos = m.mask_end;
  }
  out.append(text, pos, std::string_view::npos);
}

}  // namespace mucpt
