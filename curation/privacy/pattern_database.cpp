#include "curation/privacy/pattern_database.h"

#include <hs/hs.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>

#include "common/hashing.h"
#include "common/line_writer.h"
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

struct CompiledFiles {
  std::vector<std::string> look_in;
  std::string write_to;
};

std::mutex files_mutex;
CompiledFiles files_setting;

CompiledFiles compiled_files() {
  std::lock_guard<std::mutex> lock(files_mutex);
  return files_setting;
}

// Start of match gives the span to mask; UTF-8 mode only where a pattern holds
// non-ASCII text, since ASCII patterns cannot match inside a multi-byte character.
unsigned compile_flags(const char* regex) { return HS_FLAG_SOM_LEFTMOST | (is_ascii(regex) ? 0u : HS_FLAG_UTF8); }

// Named by what the database is built from: the rows' patterns and flags, and the
// Hyperscan that builds it.
std::string file_name(const std::vector<uint32_t>& rows) {
  std::string what = hs_version();
  for (uint32_t row : rows) {
    const char* regex = pattern_table().at(row).regex;
    ((what += '\n') += std::to_string(compile_flags(regex)) + ' ') += regex;
  }
  char name[40];
  std::snprintf(name, sizeof name, "privacy-%016llx.hsdb", static_cast<unsigned long long>(hash64(what)));
  return name;
}

}  // namespace

void PatternDatabase::keep_compiled(std::vector<std::string> look_in, std::string write_to) {
  std::lock_guard<std::mutex> lock(files_mutex);
  files_setting = {std::move(look_in), std::move(write_to)};
}

PatternDatabase::PatternDatabase(std::vector<uint32_t> rows) : rows_(std::move(rows)) {
  if (rows_.empty()) return;  // every type switched off: nothing to scan for
  const CompiledFiles files = compiled_files();
  const std::string name = file_name(rows_);
  std::string loaded_from;
  for (const std::string& dir : files.look_in) {
    if (load(dir + "/" + name)) {
      loaded_from = dir;
      break;
    }
  }
  if (!database_) compile();
  if (files.write_to.empty() || loaded_from == files.write_to) return;
  char* bytes = nullptr;
  size_t size = 0;
  if (hs_serialize_database(database_, &bytes, &size) != HS_SUCCESS) return;  // kept in memory only
  const std::string serialized(bytes, size);
  std::free(bytes);
  write_file_atomically(files.write_to + "/" + name, serialized);
}

bool PatternDatabase::load(const std::string& path) {
  if (!std::filesystem::exists(path)) return false;
  const std::string bytes = read_small_file(path);
  if (hs_deserialize_database(bytes.data(), bytes.size(), &database_) != HS_SUCCESS) {
    database_ = nullptr;
    return false;
  }
  // A database built for another CPU loads but refuses to scan: try it on nothing.
  hs_scratch_t* scratch = nullptr;
  const bool usable = hs_alloc_scratch(database_, &scratch) == HS_SUCCESS &&
                      hs_scan(database_, "", 0, 0, scratch, nullptr, nullptr) == HS_SUCCESS;
  hs_free_scratch(scratch);
  if (!usable) {
    hs_free_database(database_);
    database_ = nullptr;
  }
  return usable;
}

void PatternDatabase::compile() {
  const auto& table = pattern_table();
  std::vector<const char*> expressions;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < rows_.size(); ++i) {
    const char* regex = table.at(rows_[i]).regex;
    expressions.push_back(regex);
    flags.push_back(compile_flags(regex));
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
