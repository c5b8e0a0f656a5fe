#pragma once
// Catch2 for every test: version 2 (Debian 12) or 3 (Debian 13), under version 2's names
// (Catch::Contains, Catch::StartsWith, Approx). CMake says which one it found.
#ifdef MUCPT_CATCH2_3
#include <catch2/catch_all.hpp>

#include <string>

namespace Catch {
inline Matchers::StringContainsMatcher Contains(const std::string& text, CaseSensitive cases = CaseSensitive::Yes) {
  return Matchers::ContainsSubstring(text, cases);
}
using Matchers::StartsWith;
}  // namespace Catch
using Catch::Approx;
#else
#include <catch2/catch.hpp>
#endif
