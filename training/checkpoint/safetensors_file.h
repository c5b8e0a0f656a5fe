#pragma once
// Reads a safetensors file (Hugging Face's checkpoint format): an 8-byte little-endian
// header length, a JSON header naming each tensor's dtype, shape and byte range, then
// the tensor bytes. The data is memory-mapped; nothing is copied until a caller asks.
// A file that does not follow the format is refused with the file and the tensor named.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/mapped_file.h"

namespace mucpt {

struct SafetensorsEntry {
  std::string dtype;  // "F32", "F16", "BF16", "I64", ...
  std::vector<int64_t> shape;
  size_t begin = 0, end = 0;  // byte range within the data section
};

// Bytes per element of a safetensors dtype; 0 for an unknown one.
size_t safetensors_dtype_bytes(const std::string& dtype);

// What the header of a safetensors file says, checked against the file's size.
struct SafetensorsLayout {
  std::map<std::string, SafetensorsEntry> tensors;
  nlohmann::json metadata;  // "__metadata__", or null
  size_t data_offset = 0;   // where the data section starts in the file
};

// Reads the header of a whole file held in memory. Throws IoError ("<name>: ...")
// when the bytes do not follow the format.
SafetensorsLayout parse_safetensors(const unsigned char* bytes, size_t size, const std::string& name);

class SafetensorsFile {
 public:
  explicit SafetensorsFile(const std::string& path);

  const std::string& path() const { return path_; }
  const std::map<std::string, SafetensorsEntry>& tensors() const { return layout_.tensors; }
  const nlohmann::json& metadata() const { return layout_.metadata; }  // "__metadata__", or null
  // The first byte of a tensor's data.
  const void* data(const SafetensorsEntry& entry) const { return data_ + entry.begin; }

 private:
  std::string path_;
  SafetensorsLayout layout_;
  MappedFile map_;
  const char* data_ = nullptr;
};

}  // namespace mucpt
