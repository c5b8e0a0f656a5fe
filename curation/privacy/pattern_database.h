#pragma once
// The Hyperscan database of a set of pattern rows, compiled once per process and
// shared: the curation driver builds stage objects per work unit, and compiling
// dozens of start-of-match patterns takes far longer than scanning a unit.
#include <cstdint>
#include <memory>
#include <vector>

struct hs_database;
struct hs_scratch;

namespace mucpt {

class PatternDatabase {
 public:
  // The database for these rows of pattern_table() (any order, no duplicates),
  // compiled on first request. Throws std::runtime_error if Hyperscan refuses a row.
  static std::shared_ptr<const PatternDatabase> get(std::vector<uint32_t> rows);

  ~PatternDatabase();
  PatternDatabase(const PatternDatabase&) = delete;
  PatternDatabase& operator=(const PatternDatabase&) = delete;

  const hs_database* database() const { return database_; }  // null for no rows
  // Hyperscan expression id i is table row rows()[i].
  const std::vector<uint32_t>& rows() const { return rows_; }
  // Scratch space of the calling thread, allocated on its first scan and kept.
  hs_scratch* scratch() const;

 private:
  explicit PatternDatabase(std::vector<uint32_t> rows);
  std::vector<uint32_t> rows_;
  hs_database* database_ = nullptr;
};

}  // namespace mucpt
