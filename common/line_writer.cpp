#include "common/line_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filter/zstd.hpp>
#include <boost/iostreams/filtering_stream.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/line_reader.h"

namespace io = boost::iostreams;
namespace fs = std::filesystem;

namespace mucpt {

namespace {

std::string temporary_name(const std::string& path) {
  return path + ".tmp." + std::to_string(::getpid());
}

// The file end of the chain: ::write until every byte is out. A failure (a full disk)
// is kept in `error` as well as thrown, since the chain drops what its last flush at
// close throws, and a compressed file would otherwise be committed cut short.
class CheckedFileSink {
 public:
  typedef char char_type;
  typedef io::sink_tag category;
  CheckedFileSink(int fd, std::shared_ptr<int> error) : fd_(fd), error_(std::move(error)) {}
  std::streamsize write(const char* bytes, std::streamsize n) {
    for (std::streamsize done = 0; done < n;) {
      const ssize_t written = ::write(fd_, bytes + done, static_cast<size_t>(n - done));
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) {
        *error_ = written < 0 ? errno : EIO;
        throw std::ios_base::failure(std::strerror(*error_));
      }
      done += written;
    }
    return n;
  }

 private:
  int fd_;
  std::shared_ptr<int> error_;
};

}  // namespace

struct LineWriter::Stream {
  io::filtering_ostream out;
  int fd = -1;
  std::shared_ptr<int> error = std::make_shared<int>(0);
};

LineWriter::LineWriter(const std::string& path, int zstd_level)
    : path_(path), tmp_path_(temporary_name(path)), stream_(std::make_unique<Stream>()) {
  fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent);
  const int fd = ::open(tmp_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw IoError(tmp_path_ + ": cannot create: " + std::strerror(errno));
  stream_->fd = fd;
  constexpr std::streamsize kBlock = 1 << 20;
  switch (compression_from_path(path)) {
    case Compression::gzip: stream_->out.push(io::gzip_compressor(), kBlock); break;
    case Compression::zstd:
      stream_->out.push(io::zstd_compressor(io::zstd_params(static_cast<uint32_t>(zstd_level))), kBlock);
      break;
    case Compression::none: break;
  }
  stream_->out.push(CheckedFileSink(fd, stream_->error), kBlock);
  // A failed write (a full disk) throws with the system's reason instead of leaving
  // a silent bad state to be found at commit.
  stream_->out.exceptions(std::ios::badbit);
}

LineWriter::~LineWriter() {
  if (!committed_) {
    try {
      stream_->out.reset();
    } catch (...) {
    }
    ::close(stream_->fd);
    std::remove(tmp_path_.c_str());
  }
}

void LineWriter::write(std::string_view bytes) {
  try {
    stream_->out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  } catch (const std::exception& e) {
    throw IoError(tmp_path_ + ": cannot write: " + (*stream_->error ? std::strerror(*stream_->error) : e.what()));
  }
}

void LineWriter::write_line(std::string_view line) {
  write(line);
  write("\n");
  ++lines_;
}

void LineWriter::commit() {
  try {
    stream_->out.flush();
    stream_->out.reset();  // closes the filters: writes the compressed frame end
  } catch (const std::exception& e) {
    throw IoError(tmp_path_ + ": cannot write: " + (*stream_->error ? std::strerror(*stream_->error) : e.what()));
  }
  if (*stream_->error != 0) throw IoError(tmp_path_ + ": cannot write: " + std::strerror(*stream_->error));
  // On disk before the rename makes it the output: after a power loss the name must not
  // hold an empty or partial file (a unit's stats would mark it done).
  if (::fdatasync(stream_->fd) != 0) throw IoError(tmp_path_ + ": cannot write to disk: " + std::strerror(errno));
  const int fd = stream_->fd;
  stream_->fd = -1;
  if (::close(fd) != 0) throw IoError(tmp_path_ + ": cannot close: " + std::strerror(errno));
  if (std::rename(tmp_path_.c_str(), path_.c_str()) != 0)
    throw IoError(path_ + ": cannot rename into place: " + std::strerror(errno));
  committed_ = true;
}

void write_file_atomically(const std::string& path, std::string_view content) {
  LineWriter writer(path);
  writer.write(content);
  writer.commit();
}

std::string read_small_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError(path + ": cannot open: " + std::strerror(errno));
  std::string content;
  char buf[1 << 16];
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) content.reserve(static_cast<size_t>(st.st_size));
  for (;;) {
    ssize_t got = ::read(fd, buf, sizeof buf);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      throw IoError(path + ": read failed: " + std::strerror(errno));
    }
    content.append(buf, static_cast<size_t>(got));
  }
  ::close(fd);
  return content;
}

void sync_directory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw IoError(dir + ": cannot open: " + std::strerror(errno));
  const int synced = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (synced != 0) throw IoError(dir + ": cannot write to disk: " + std::strerror(error));
}

}  // namespace mucpt
