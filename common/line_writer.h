#pragma once
// Writes lines to a plain, .gz or .zst file atomically: everything goes to a temporary
// file beside the target, which commit() writes to disk (fdatasync) and renames into
// place. A writer destroyed without commit() removes its temporary file, so a crash
// never leaves a half-written output under the final name; a failed write (a full disk)
// throws IoError naming the file, also when it comes as the compressor closes.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace mucpt {

class LineWriter {
 public:
  explicit LineWriter(const std::string& path, int zstd_level = 3);
  ~LineWriter();
  LineWriter(const LineWriter&) = delete;
  LineWriter& operator=(const LineWriter&) = delete;

  void write_line(std::string_view line);  // appends "\n"
  void write(std::string_view bytes);
  void commit();
  const std::string& path() const { return path_; }
  uint64_t lines() const { return lines_; }

 private:
  struct Stream;
  std::string path_;
  std::string tmp_path_;
  std::unique_ptr<Stream> stream_;
  uint64_t lines_ = 0;
  bool committed_ = false;
};

// Writes a whole small file atomically (reports, markers, manifests).
void write_file_atomically(const std::string& path, std::string_view content);
std::string read_small_file(const std::string& path);
// Writes a folder's entries to disk: a rename within it survives a power loss before
// anything that names the renamed entry is written.
void sync_directory(const std::string& dir);

}  // namespace mucpt
