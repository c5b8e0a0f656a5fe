#pragma once
// The evaluate command as the tests run it (on N ranks with mpirun), and the JSON
// lines files they write for it and read back from it (and a judge's call log).
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace mucpt::testing {

inline CommandResult evaluate(int ranks, const std::string& args) {
  return run_command("mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " " + build_dir() +
                     "/evaluate " + args);
}

inline std::vector<nlohmann::json> read_lines(const std::string& path) {
  std::vector<nlohmann::json> lines;
  std::ifstream in(path);
  for (std::string l; std::getline(in, l);) lines.push_back(nlohmann::json::parse(l));
  return lines;
}

inline std::string write_lines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::binary);
  for (const auto& l : lines) out << l << "\n";
  return path;
}

inline size_t count_lines(const std::string& path) {
  std::ifstream in(path);
  size_t n = 0;
  for (std::string l; std::getline(in, l);) ++n;
  return n;
}

}  // namespace mucpt::testing
