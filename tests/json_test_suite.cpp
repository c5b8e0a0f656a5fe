#include "tests/json_test_suite.h"

#include "tests/catch.h"
#include <fstream>

#include "tests/test_support.h"

namespace mucpt::testing {

namespace {

std::string from_hex(std::string_view hex) {
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) bytes += char(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return bytes;
}

}  // namespace

std::vector<JsonSuiteCase> json_test_suite(const std::string& kinds) {
  std::string peers = node_peers_dir();
  if (peers.empty()) return {};
  std::string out = scratch_dir("json_test_suite_" + kinds) + "/cases.tsv";
  auto result = run_command("node '" + source_dir() + "/tests/json_test_suite_cases.mjs' '" + peers + "' '" +
                            out + "'");
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  std::vector<JsonSuiteCase> cases;
  std::ifstream in(out);
  for (std::string line; std::getline(in, line);) {
    size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    std::string name = line.substr(0, tab);
    if (name.size() > 2 && name[1] == '_' && kinds.find(name[0]) != std::string::npos)
      cases.push_back({name, from_hex(line.substr(tab + 1))});
  }
  return cases;
}

}  // namespace mucpt::testing
