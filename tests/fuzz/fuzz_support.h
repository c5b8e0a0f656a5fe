#pragma once
// Helpers shared by the libFuzzer harnesses: readers that take a path get the fuzz
// input through a file in a private temporary folder, rewritten for every input.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace mucpt::fuzz {

// A folder of this process under $TMPDIR (else /tmp), removed at exit.
inline const std::string& temp_dir() {
  struct Dir {
    std::string path;
    Dir() {
      const char* base = std::getenv("TMPDIR");
      path = std::string(base && *base ? base : "/tmp") + "/mucpt-fuzz-XXXXXX";
      if (!::mkdtemp(path.data())) std::abort();
    }
    ~Dir() { std::filesystem::remove_all(path); }
  };
  static const Dir dir;
  return dir.path;
}

// Writes the bytes to temp_dir()/name and returns the path.
inline std::string write_file(const std::string& name, const uint8_t* data, size_t size) {
  const std::string path = temp_dir() + "/" + name;
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f || (size > 0 && std::fwrite(data, 1, size, f) != size) || std::fclose(f) != 0) std::abort();
  return path;
}

// A property the harness checks failed: report it the way a sanitizer would, so
// libFuzzer keeps the input.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::abort();
}

}  // namespace mucpt::fuzz
