// RE2 over a NUL-separated corpus with the patterns mucpt_mask --print-patterns wrote,
// each document rewritten by one RE2::GlobalReplace per pattern; times only that.
//   re2_mask PATTERNS CORPUS OUT          prints seconds, bytes, replacements, compile seconds
#include <re2/re2.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>

#include "scripts/bench/peers/privacy_corpus.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: re2_mask PATTERNS CORPUS OUT\n");
    return 2;
  }
  auto setup = std::chrono::steady_clock::now();
  std::vector<std::pair<std::unique_ptr<RE2>, std::string>> patterns;  // regex, token
  std::ifstream in(argv[1]);
  std::string line;
  while (std::getline(in, line)) {
    size_t a = line.find('\t'), b = line.find('\t', a + 1);
    RE2::Options o;
    o.set_max_mem(256 << 20);
    auto re = std::make_unique<RE2>(line.substr(b + 1), o);
    if (!re->ok()) {
      std::fprintf(stderr, "RE2 refused %s: %s\n", line.substr(0, a).c_str(), re->error().c_str());
      return 1;
    }
    patterns.emplace_back(std::move(re), line.substr(a + 1, b - a - 1));
  }
  double setup_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - setup).count();
  std::vector<std::string> docs = read_corpus(argv[2]);
  size_t bytes = 0, spans = 0;
  for (const std::string& d : docs) bytes += d.size();

  auto t0 = std::chrono::steady_clock::now();
  for (std::string& d : docs)
    for (auto& [re, token] : patterns) spans += RE2::GlobalReplace(&d, *re, token);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  write_corpus(argv[3], docs);
  std::printf("%.4f %zu %zu %.4f\n", seconds, bytes, spans, setup_seconds);
  return 0;
}
