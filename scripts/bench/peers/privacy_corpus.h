// Shared by the privacy benchmark peers: a corpus of documents separated by NUL
// bytes, read whole before timing starts and written back after it ends.
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

inline std::vector<std::string> read_corpus(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream all;
  all << in.rdbuf();
  std::vector<std::string> docs;
  std::string data = all.str();
  size_t start = 0;
  while (start < data.size()) {
    size_t end = data.find('\0', start);
    if (end == std::string::npos) end = data.size();
    docs.emplace_back(data, start, end - start);
    start = end + 1;
  }
  return docs;
}

inline void write_corpus(const char* path, const std::vector<std::string>& docs) {
  std::ofstream out(path, std::ios::binary);
  for (const std::string& d : docs) out << d << '\0';
}
