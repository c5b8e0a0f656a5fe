#pragma once
// A file mapped read-only into memory for as long as the object lives: its bytes are
// read in place from the page cache, never copied. An empty file maps to no bytes.
// A file that cannot be opened or mapped throws IoError naming it.
#include <cstddef>
#include <string>
#include <string_view>

namespace mucpt {

class MappedFile {
 public:
  MappedFile() = default;
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const unsigned char* data() const { return static_cast<const unsigned char*>(data_); }
  size_t size() const { return size_; }
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void release();
  void* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace mucpt
