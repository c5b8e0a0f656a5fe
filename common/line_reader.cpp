#include "common/line_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <zlib.h>
#include <zstd.h>

namespace mucpt {

namespace {

bool ends_with(const std::string& s, const char* suffix) {
  size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

class PlainSource : public ByteSource {
 public:
  PlainSource(const std::string& path, uint64_t offset) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw IoError(path + ": cannot open: " + std::strerror(errno));
    if (offset > 0 && ::lseek(fd_, static_cast<off_t>(offset), SEEK_SET) < 0)
      throw IoError(path + ": cannot seek: " + std::strerror(errno));
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
  ~PlainSource() override { ::close(fd_); }
  size_t read(char* buf, size_t n) override {
    for (;;) {
      ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) throw IoError(path_ + ": read failed: " + std::strerror(errno));
    }
  }

 private:
  std::string path_;
  int fd_ = -1;
};

// gzip through zlib's inflate, as zstd through its streaming API below: the bytes
// decoded before damage are handed out before the damage is reported (a stream filter
// would drop the block it was decoding), members follow one another, and the zero
// bytes that pad some archives after the last member are skipped, as gzip skips them.
class GzipSource : public ByteSource {
 public:
  explicit GzipSource(const std::string& path) : path_(path), file_(path, 0), in_(kBlock) {
    if (inflateInit2(&stream_, 15 + 16) != Z_OK) throw IoError(path + ": cannot start gzip decoding");
  }
  ~GzipSource() override { inflateEnd(&stream_); }
  size_t read(char* buf, size_t n) override {
    if (!damage_.empty()) throw IoError(path_ + ": corrupt or truncated gzip data (" + damage_ + ")");
    stream_.next_out = reinterpret_cast<Bytef*>(buf);
    stream_.avail_out = static_cast<uInt>(std::min<size_t>(n, kBlock));
    const uInt asked = stream_.avail_out;
    while (stream_.avail_out == asked) {
      if (stream_.avail_in == 0) {
        const size_t filled = file_.read(in_.data(), in_.size());
        if (filled == 0) {
          if (member_open_) throw IoError(path_ + ": corrupt or truncated gzip data (the last member is incomplete)");
          return 0;
        }
        stream_.next_in = reinterpret_cast<Bytef*>(in_.data());
        stream_.avail_in = static_cast<uInt>(filled);
      }
      if (!member_open_) {
        while (stream_.avail_in > 0 && *stream_.next_in == 0) ++stream_.next_in, --stream_.avail_in;
        if (stream_.avail_in == 0) continue;
        member_open_ = true;
      }
      const int rc = inflate(&stream_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        member_open_ = false;
        inflateReset(&stream_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        damage_ = stream_.msg ? stream_.msg : zError(rc);
        if (stream_.avail_out == asked) throw IoError(path_ + ": corrupt or truncated gzip data (" + damage_ + ")");
        break;  // this call's bytes first; the damage on the next
      }
    }
    return asked - stream_.avail_out;
  }

 private:
  static constexpr size_t kBlock = 64 << 10;
  std::string path_;
  PlainSource file_;
  std::vector<char> in_;
  z_stream stream_{};
  bool member_open_ = false;
  std::string damage_;
};

// Zstandard through libzstd's streaming API, which (unlike a plain stream filter)
// tells a truncated frame from a complete one.
class ZstdSource : public ByteSource {
 public:
  explicit ZstdSource(const std::string& path) : path_(path), file_(path, 0), in_(ZSTD_DStreamInSize()) {
    ctx_ = ZSTD_createDCtx();
  }
  ~ZstdSource() override { ZSTD_freeDCtx(ctx_); }
  size_t read(char* buf, size_t n) override {
    ZSTD_outBuffer out{buf, n, 0};
    while (out.pos == 0) {
      if (pos_ == filled_) {
        filled_ = file_.read(in_.data(), in_.size());
        pos_ = 0;
        if (filled_ == 0) {
          if (frame_open_) throw IoError(path_ + ": truncated zstd data (the last frame is incomplete)");
          return 0;
        }
      }
      ZSTD_inBuffer input{in_.data(), filled_, pos_};
      size_t hint = ZSTD_decompressStream(ctx_, &out, &input);
      if (ZSTD_isError(hint))
        throw IoError(path_ + ": corrupt zstd data: " + ZSTD_getErrorName(hint));
      pos_ = input.pos;
      frame_open_ = hint != 0;
    }
    return out.pos;
  }

 private:
  std::string path_;
  PlainSource file_;
  std::vector<char> in_;
  size_t pos_ = 0, filled_ = 0;
  bool frame_open_ = false;
  ZSTD_DCtx* ctx_ = nullptr;
};

class EmptySource : public ByteSource {
 public:
  size_t read(char*, size_t) override { return 0; }
};

constexpr size_t kBlockSize = 4u << 20;

}  // namespace

Compression compression_from_path(const std::string& path) {
  if (ends_with(path, ".gz")) return Compression::gzip;
  if (ends_with(path, ".zst") || ends_with(path, ".zstd")) return Compression::zstd;
  return Compression::none;
}

LineReader::LineReader(const std::string& path, uint64_t begin, uint64_t end)
    : path_(path), range_end_(end) {
  Compression c = compression_from_path(path);
  if (c != Compression::none) {
    if (begin != 0) throw IoError(path + ": a compressed file cannot be read from a byte offset");
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && st.st_size == 0) {
      source_ = std::make_unique<EmptySource>();  // an empty file holds no lines in any format
    } else if (c == Compression::gzip) {
      source_ = std::make_unique<GzipSource>(path);
    } else {
      source_ = std::make_unique<ZstdSource>(path);
    }
  } else {
    // Start one byte early: the line holding byte begin-1 belongs to the previous
    // range unless that byte is the newline that ends it.
    uint64_t seek = begin > 0 ? begin - 1 : 0;
    source_ = std::make_unique<PlainSource>(path, seek);
    buf_offset_ = seek;
  }
  grow(kBlockSize + kPadding);
  if (begin > 0) {
    std::string_view skipped;
    uint64_t saved_end = range_end_;
    range_end_ = kToEnd;
    next(skipped);  // the tail of the previous range's last line (or just its "\n")
    range_end_ = saved_end;
  }
}

LineReader::~LineReader() = default;

// The buffer is left uninitialised but for its padding: a reader per file would
// otherwise clear megabytes it is about to overwrite.
void LineReader::grow(size_t capacity) {
  std::unique_ptr<char[]> bigger(new char[capacity]);
  if (end_ > 0) std::memcpy(bigger.get(), buf_.get(), end_);
  std::memset(bigger.get() + capacity - kPadding, 0, kPadding);
  buf_ = std::move(bigger);
  capacity_ = capacity;
}

bool LineReader::fill() {
  if (eof_) return false;
  if (start_ > 0) {  // move the unfinished line to the front
    std::memmove(buf_.get(), buf_.get() + start_, end_ - start_);
    buf_offset_ += start_;
    end_ -= start_;
    scan_ -= start_;
    start_ = 0;
  }
  if (capacity_ - kPadding - end_ < kBlockSize / 2) grow(capacity_ * 2);
  size_t got = source_->read(buf_.get() + end_, capacity_ - kPadding - end_);
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool LineReader::next(std::string_view& line) {
  for (;;) {
    if (buf_offset_ + start_ >= range_end_) return false;
    const char* nl = scan_ < end_
        ? static_cast<const char*>(std::memchr(buf_.get() + scan_, '\n', end_ - scan_))
        : nullptr;
    size_t stop;
    size_t next_start;
    if (nl) {
      stop = static_cast<size_t>(nl - buf_.get());
      next_start = stop + 1;
    } else {
      scan_ = end_;
      if (fill()) continue;
      if (start_ == end_) return false;
      stop = end_;  // the last line has no newline
      next_start = end_;
    }
    line_offset_ = buf_offset_ + start_;
    size_t len = stop - start_;
    if (len > 0 && buf_[start_ + len - 1] == '\r') --len;
    line = std::string_view(buf_.get() + start_, len);
    readable_ = capacity_ - start_;
    start_ = scan_ = next_start;
    return true;
  }
}

uint64_t count_lines_in_range(const std::string& path, uint64_t begin, uint64_t end) {
  LineReader reader(path, begin, end);
  std::string_view line;
  uint64_t n = 0;
  while (reader.next(line)) ++n;
  return n;
}

}  // namespace mucpt
