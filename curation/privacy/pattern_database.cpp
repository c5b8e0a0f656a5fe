#include "curation/privacy/pattern_database.h"

#include <hs/hs.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

#include "curation/privacy/pattern_table.h"

namespace mucpt {

namespace {

bool is_ascii(const char* s) {
  for (; *s; ++s)
    if (static_cast<unsigned char>(*s) >= 0x80) return false;
  return true;
}

// One scratch per thread serves every database: hs_alloc_scratch grows it to fit
// each new database once, after which scans reuse it without allocating.
struct ThreadScratch {
  hs_scratch_t* scratch = nullptr;
  std::vector<const hs_database_t*> fitted;
  ~ThreadScratch() { hs_free_scratch(scratch); }
};

}  // namespace

PatternDatabase::PatternDatabase(std::vector<uint32_t> rows) : rows_(std::move(rows)) {
  if (rows_.empty()) return;  // every type switched off: nothing to scan for
  const auto& table = pattern_table();
  std::vector<const char*> expressions;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < rows_.size(); ++i) {
    const char* regex = table.at(rows_[i]).regex;
    expressions.push_back(regex);
    // Start of match gives the span to mask; UTF-8 mode only where a pattern holds
    // non-ASCII text, since ASCII patterns cannot match inside a multi-byte character.
    flags.push_back(HS_FLAG_SOM_LEFTMOST | (is_ascii(regex) ? 0u : HS_FLAG_UTF8));
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(), static_cast<unsigned>(expressions.size()),
                       HS_MODE_BLOCK, nullptr, &database_, &error) != HS_SUCCESS) {
    std::string message = "privacy patterns: Hyperscan refused ";
    message += error->expression >= 0 ? "row " + std::to_string(rows_[error->expression]) + " (" +
                                            expressions[error->expression] + ")"
                                      : std::string("the set");
    message += ": ";
    message += error->message;
    hs_free_compile_error(error);
    throw std::runtime_error(message);
  }
}

PatternDatabase::~PatternDatabase() { hs_free_database(database_); }

std::shared_ptr<const PatternDatabase> PatternDatabase::get(std::vector<uint32_t> rows) {
  static std::mutex mutex;
  static std::map<std::vector<uint32_t>, std::shared_ptr<const PatternDatabase>> cache;
  std::sort(rows.begin(), rows.end());
  std::lock_guard<std::mutex> lock(mutex);
  auto& entry = cache[rows];
  if (!entry) entry.reset(new PatternDatabase(rows));
  return entry;
}

hs_scratch* PatternDatabase::scratch() const {
  thread_local ThreadScratch mine;
  if (std::find(mine.fitted.begin(), mine.fitted.end(), database_) == mine.fitted.end()) {
    if (hs_alloc_scratch(database_, &mine.scratch) != HS_SUCCESS)
      throw std::runtime_error("privacy patterns: cannot allocate Hyperscan scratch");
    mine.fitted.push_back(database_);
  }
  return mine.scratch;
}

}  // namespace mucpt
