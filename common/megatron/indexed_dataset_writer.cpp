#include "common/megatron/indexed_dataset_writer.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <limits>
#include <stdexcept>
#include <utility>

#include "common/errors.h"

namespace mucpt {

namespace {

constexpr char kMagic[9] = {'M', 'M', 'I', 'D', 'I', 'D', 'X', '\0', '\0'};
constexpr size_t kBufferBytes = 1 << 20;

std::string temporary_name(const std::string& path) { return path + ".tmp." + std::to_string(::getpid()); }

[[noreturn]] void io_error(const std::string& path, const char* what) {
  throw IoError(path + ": " + what + ": " + std::strerror(errno));
}

// On disk before the rename makes it the output: after a power loss the name must not
// hold an empty or partial file (the pack markers written after it are synced).
// `written`: whether every earlier write to it succeeded (errno says why not).
void close_on_disk(std::FILE* f, const std::string& path, bool written = true) {
  if (!written || std::fflush(f) != 0 || ::fdatasync(::fileno(f)) != 0) {
    const int error = errno;
    std::fclose(f);
    errno = error;
    io_error(path, "cannot write to disk");
  }
  if (std::fclose(f) != 0) io_error(path, "cannot close");
}

// Little-endian, as Megatron's struct.pack("<Q") and numpy's native arrays on x86 and ARM.
template <class T>
void put(std::vector<char>& out, T value) {
  static_assert(std::is_integral_v<T>);
  for (size_t i = 0; i < sizeof(T); ++i) out.push_back(char(uint64_t(value) >> (8 * i)));
}

}  // namespace

TokenDtype token_dtype_for_vocab(size_t vocab_size) {
  return vocab_size < 65500 ? TokenDtype::uint16 : TokenDtype::int32;
}

size_t token_dtype_bytes(TokenDtype dtype) { return dtype == TokenDtype::uint16 ? 2 : 4; }

IndexedDatasetWriter::IndexedDatasetWriter(const std::string& prefix, size_t vocab_size, int32_t eos_id)
    : prefix_(prefix),
      bin_tmp_(temporary_name(prefix + ".bin")),
      idx_tmp_(temporary_name(prefix + ".idx")),
      vocab_size_(vocab_size),
      eos_id_(eos_id),
      dtype_(token_dtype_for_vocab(vocab_size)) {
  if (eos_id >= 0 && size_t(eos_id) >= vocab_size)
    throw std::invalid_argument("EOS id " + std::to_string(eos_id) + " is outside the vocabulary");
  auto parent = std::filesystem::path(prefix).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  bin_ = std::fopen(bin_tmp_.c_str(), "wb");
  if (!bin_) io_error(bin_tmp_, "cannot create");
  buffer_.reserve(kBufferBytes);
}

IndexedDatasetWriter::~IndexedDatasetWriter() {
  if (bin_) std::fclose(bin_);
  if (!committed_) {
    std::remove(bin_tmp_.c_str());
    std::remove(idx_tmp_.c_str());
  }
}

void IndexedDatasetWriter::flush_buffer() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), bin_) != buffer_.size())
    io_error(bin_tmp_, "write failed");
  buffer_.clear();
}

void IndexedDatasetWriter::write_tokens(const int32_t* ids, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (ids[i] < 0 || size_t(ids[i]) >= vocab_size_)
      throw std::out_of_range("token id " + std::to_string(ids[i]) + " is outside the vocabulary of " +
                              std::to_string(vocab_size_));
  // Copied a buffer's worth at a time; the hosts Megatron runs on are little-endian.
  const size_t item = token_dtype_bytes(dtype_);
  for (size_t done = 0; done < n;) {
    if (buffer_.size() + item > kBufferBytes) flush_buffer();
    const size_t take = std::min(n - done, (kBufferBytes - buffer_.size()) / item);
    const size_t at = buffer_.size();
    buffer_.resize(at + take * item);
    char* to = buffer_.data() + at;
    if (dtype_ == TokenDtype::uint16) {
      for (size_t i = 0; i < take; ++i) {
        const auto id = uint16_t(ids[done + i]);
        std::memcpy(to + 2 * i, &id, 2);
      }
    } else {
      std::memcpy(to, ids + done, 4 * take);
    }
    done += take;
  }
  if (n) last_token_ = ids[n - 1];
  current_ += n;
  tokens_ += n;
}

void IndexedDatasetWriter::append_tokens(const int32_t* ids, size_t n) {
  if (committed_) throw std::logic_error("append after commit");
  write_tokens(ids, n);
}

void IndexedDatasetWriter::end_document() {
  if (eos_id_ >= 0 && (current_ == 0 || last_token_ != eos_id_)) write_tokens(&eos_id_, 1);
  if (current_ > uint64_t(std::numeric_limits<int32_t>::max()))
    throw std::length_error("a document of " + std::to_string(current_) + " tokens exceeds the int32 size field");
  sizes_.push_back(int32_t(current_));
  current_ = 0;
  last_token_ = -1;
}

void IndexedDatasetWriter::add_document(const int32_t* ids, size_t n) {
  append_tokens(ids, n);
  end_document();
}

void IndexedDatasetWriter::commit() {
  if (committed_) return;
  if (current_ > 0) throw std::logic_error("commit with an unfinished document");
  flush_buffer();
  close_on_disk(std::exchange(bin_, nullptr), bin_tmp_);

  std::FILE* f = std::fopen(idx_tmp_.c_str(), "wb");
  if (!f) io_error(idx_tmp_, "cannot create");
  // Streamed through the buffer: the index of a large corpus is several times the
  // sizes kept in memory.
  bool ok = true;
  auto drain = [&](bool always) {
    if ((always || buffer_.size() + 16 > kBufferBytes) && !buffer_.empty()) {
      ok = ok && std::fwrite(buffer_.data(), 1, buffer_.size(), f) == buffer_.size();
      buffer_.clear();
    }
  };
  const uint64_t count = sizes_.size();
  buffer_.insert(buffer_.end(), kMagic, kMagic + sizeof kMagic);
  put(buffer_, uint64_t(1));  // version
  put(buffer_, uint8_t(dtype_));
  put(buffer_, count);      // sequences
  put(buffer_, count + 1);  // document indices: 0..count
  for (int32_t size : sizes_) {
    put(buffer_, size);
    drain(false);
  }
  const int64_t item = int64_t(token_dtype_bytes(dtype_));
  int64_t pointer = 0;
  for (int32_t size : sizes_) {
    put(buffer_, pointer);
    pointer += int64_t(size) * item;
    drain(false);
  }
  for (uint64_t d = 0; d <= count; ++d) {
    put(buffer_, int64_t(d));
    drain(false);
  }
  drain(true);
  close_on_disk(f, idx_tmp_, ok);
  if (std::rename(bin_tmp_.c_str(), bin_path().c_str()) != 0) io_error(bin_path(), "cannot rename into place");
  if (std::rename(idx_tmp_.c_str(), idx_path().c_str()) != 0) io_error(idx_path(), "cannot rename into place");
  committed_ = true;
}

}  // namespace mucpt
