#include "evaluation/grading/judge_cache.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/hashing.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/log.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

constexpr std::string_view kJsonl = ".jsonl";

// "OUT/judge_cache.jsonl" -> "OUT/judge_cache" (rank files are "<stem>.rank-R.jsonl").
std::string stem_of(const std::string& path) {
  const bool jsonl = path.size() > kJsonl.size() && path.compare(path.size() - kJsonl.size(), kJsonl.size(), kJsonl) == 0;
  return jsonl ? path.substr(0, path.size() - kJsonl.size()) : path;
}

std::vector<std::string> rank_files(const std::string& path) {
  const fs::path stem(stem_of(path));
  const fs::path dir = stem.has_parent_path() ? stem.parent_path() : fs::path(".");
  const std::string prefix = stem.filename().string() + ".rank-";
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= prefix.size() + kJsonl.size() || name.compare(0, prefix.size(), prefix) != 0 ||
        name.compare(name.size() - kJsonl.size(), kJsonl.size(), kJsonl) != 0)
      continue;
    const std::string rank = name.substr(prefix.size(), name.size() - prefix.size() - kJsonl.size());
    if (std::all_of(rank.begin(), rank.end(), [](char c) { return c >= '0' && c <= '9'; }))
      files.push_back((dir / name).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<Grade> grade_from_name(const std::string& name) {
  for (Grade g : {Grade::correct, Grade::incorrect, Grade::not_attempted})
    if (name == grade_name(g)) return g;
  return std::nullopt;
}

// Every {"key", "grade"} line of the cache file and its rank files, first one of a key
// wins, in file order. A damaged line (a crash mid-write) is skipped with a warning.
std::vector<std::pair<std::string, Grade>> read_cache(const std::string& path) {
  std::vector<std::string> files = rank_files(path);
  if (fs::exists(path)) files.insert(files.begin(), path);
  std::vector<std::pair<std::string, Grade>> entries;
  for (const std::string& file : files) {
    LineReader reader(file);
    std::string_view line;
    for (uint64_t number = 1; reader.next(line); ++number) {
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      const auto j = nlohmann::json::parse(line, nullptr, false);
      std::optional<Grade> grade;
      if (j.is_object() && j.contains("key") && j["key"].is_string() && j.contains("grade") && j["grade"].is_string())
        grade = grade_from_name(j["grade"].get<std::string>());
      if (!grade) {
        log_warn(file, ":", number, ": not a judge cache line {\"key\", \"grade\"}; skipped (its item is judged again)");
        continue;
      }
      entries.emplace_back(j["key"].get<std::string>(), *grade);
    }
  }
  return entries;
}

std::string cache_line(const std::string& key, Grade grade) {
  return nlohmann::json{{"key", key}, {"grade", grade_name(grade)}}.dump() + "\n";
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw IoError(path + ": cannot append to the judge cache: " + std::strerror(errno));
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

JudgeCache::JudgeCache(const std::string& path, int rank)
    : path_(path), rank_path_(stem_of(path) + ".rank-" + std::to_string(rank) + ".jsonl") {
  for (auto& [key, grade] : read_cache(path)) grades_.emplace(key, grade);
}

JudgeCache::~JudgeCache() {
  if (fd_ >= 0) ::close(fd_);
}

std::string JudgeCache::key(std::string_view command, std::string_view id, std::string_view request) {
  // Each field with its length, so that no two (command, id, request) share a content;
  // the leading version makes keys of the earlier unprefixed format miss.
  std::string content = "judge-cache-key 2\n";
  for (std::string_view field : {command, id, request}) {
    content += std::to_string(field.size());
    content += ':';
    content += field;
  }
  const Hash128 h = hash128(content);
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(h.high),
                static_cast<unsigned long long>(h.low));
  return hex;
}

std::optional<Grade> JudgeCache::find(const std::string& key) const {
  auto it = grades_.find(key);
  return it == grades_.end() ? std::nullopt : std::optional<Grade>(it->second);
}

void JudgeCache::add(const std::string& key, Grade grade) {
  if (fd_ < 0) {
    if (const fs::path parent = fs::path(rank_path_).parent_path(); !parent.empty()) fs::create_directories(parent);
    fd_ = ::open(rank_path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) throw IoError(rank_path_ + ": cannot open the judge cache: " + std::strerror(errno));
    // A line left unfinished by a crash must not swallow the next one.
    if (const off_t size = ::lseek(fd_, 0, SEEK_END); size > 0) {
      char last = '\n';
      if (::pread(fd_, &last, 1, size - 1) == 1 && last != '\n') write_all(fd_, "\n", rank_path_);
    }
  }
  write_all(fd_, cache_line(key, grade), rank_path_);
  grades_[key] = grade;
}

void JudgeCache::merge(const std::string& path) {
  const std::vector<std::string> ranks = rank_files(path);
  if (ranks.empty()) return;
  std::unordered_map<std::string, Grade> seen;
  std::string content;
  for (const auto& [key, grade] : read_cache(path))
    if (seen.emplace(key, grade).second) content += cache_line(key, grade);
  write_file_atomically(path, content);
  for (const std::string& file : ranks) fs::remove(file);
}

}  // namespace mucpt
