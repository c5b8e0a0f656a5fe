#pragma once
// Writes a safetensors file: the JSON header (tensors sorted by name, byte ranges in
// that order, padded with spaces to a multiple of 8 bytes as Hugging Face's writer
// does), then the data. Written to a temporary name and renamed when whole.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mucpt {

struct SafetensorsTensor {
  std::string name;
  std::string dtype;  // "F32", "F16", "BF16", ...
  std::vector<int64_t> shape;
  const void* data = nullptr;
  size_t bytes = 0;
};

void write_safetensors(const std::string& path, std::vector<SafetensorsTensor> tensors,
                       const std::map<std::string, std::string>& metadata = {{"format", "pt"}});

}  // namespace mucpt
