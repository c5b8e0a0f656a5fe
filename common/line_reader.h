#pragma once
// Streams the lines of a plain, .gz or .zst file in large blocks. Lines of any length
// are returned whole (the buffer grows to fit), without the trailing "\n" or "\r\n".
// For an uncompressed file a byte range [begin, end) selects the lines that start in
// it, so one large file can be shared by several ranks without overlap or gaps.
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/errors.h"

namespace mucpt {

enum class Compression { none, gzip, zstd };
Compression compression_from_path(const std::string& path);

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes; returns 0 at the end. Throws IoError on corrupt input.
  virtual size_t read(char* buf, size_t n) = 0;
};

class LineReader {
 public:
  static constexpr uint64_t kToEnd = std::numeric_limits<uint64_t>::max();
  // Bytes readable past the end of each returned line (for simdjson's padding).
  static constexpr size_t kPadding = 64;

  explicit LineReader(const std::string& path, uint64_t begin = 0, uint64_t end = kToEnd);
  ~LineReader();

  // The next line; the view stays valid until the next call.
  bool next(std::string_view& line);
  // Bytes that may be read from line.data() (at least line.size() + kPadding).
  size_t readable_after_line_start() const { return readable_; }
  // Offset of the last line's first byte in the (decompressed) stream.
  uint64_t line_offset() const { return line_offset_; }
  const std::string& path() const { return path_; }

 private:
  bool fill();
  void grow(size_t capacity);  // to capacity bytes, keeping what it holds

  std::string path_;
  std::unique_ptr<ByteSource> source_;
  std::unique_ptr<char[]> buf_;
  size_t capacity_ = 0;
  size_t start_ = 0, end_ = 0, scan_ = 0;
  uint64_t buf_offset_ = 0;  // stream offset of buf_[0]
  uint64_t range_end_;
  uint64_t line_offset_ = 0;
  size_t readable_ = 0;
  bool eof_ = false;
};

// Counts the lines that start in [begin, end) of an uncompressed file.
uint64_t count_lines_in_range(const std::string& path, uint64_t begin, uint64_t end);

}  // namespace mucpt
