#pragma once
// The Hyperscan database of a set of pattern rows, compiled once per process and
// shared: the curation driver builds stage objects per work unit, and compiling
// dozens of start-of-match patterns takes far longer than scanning a unit. A run may
// also keep compiled databases as files (Hyperscan's serialized form, named by a hash
// of the patterns and the Hyperscan version), so that a later process over the same
// run (`curate decide`, a resumed run) loads instead of compiling; a file that does
// not load or scan here (another CPU) is compiled again.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct hs_database;
struct hs_scratch;

namespace mucpt {

class PatternDatabase {
 public:
  // The database for these rows of pattern_table() (any order, no duplicates),
  // compiled on first request. Throws std::runtime_error if Hyperscan refuses a row.
  static std::shared_ptr<const PatternDatabase> get(std::vector<uint32_t> rows);

  // Where compiled databases are looked for (in order) and where one compiled is
  // written; empty: neither. Applies to databases not yet in this process.
  static void keep_compiled(std::vector<std::string> look_in, std::string write_to);

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
  void compile();
  bool load(const std::string& path);  // false: absent, or not usable here
  std::vector<uint32_t> rows_;
  hs_database* database_ = nullptr;
};

}  // namespace mucpt
