#include "common/megatron/indexed_dataset_reader.h"

#include <cstring>
#include <stdexcept>

#include "common/config.h"

namespace mucpt {

namespace {

// A missing or damaged file is the user's to replace: UserError, so commands exit 2.
[[noreturn]] void format_error(const std::string& path, const std::string& what) {
  throw UserError(path + ": " + what);
}

template <class T>
T get(const unsigned char* p) {
  T value;
  std::memcpy(&value, p, sizeof value);  // little-endian, as written
  return value;
}

}  // namespace

IndexedDatasetReader::IndexedDatasetReader(const std::string& prefix) : prefix_(prefix) { read_index(); }

void IndexedDatasetReader::read_index() {
  const std::string idx_path = prefix_ + ".idx", bin_path = prefix_ + ".bin";
  idx_ = MappedFile(idx_path);
  bin_ = MappedFile(bin_path);
  const unsigned char* p = idx_.data();
  constexpr size_t header = 9 + 8 + 1 + 8 + 8;
  if (idx_.size() < header || std::memcmp(p, "MMIDIDX\0\0", 9) != 0) format_error(idx_path, "not an MMIDIDX index");
  if (get<uint64_t>(p + 9) != 1) format_error(idx_path, "version " + std::to_string(get<uint64_t>(p + 9)) + ", not 1");
  const uint8_t code = p[17];
  if (code != uint8_t(TokenDtype::uint16) && code != uint8_t(TokenDtype::int32))
    format_error(idx_path, "token dtype code " + std::to_string(code) + " (only uint16 = 8 and int32 = 4 are read)");
  dtype_ = TokenDtype(code);
  count_ = get<uint64_t>(p + 18);
  const uint64_t doc_count = get<uint64_t>(p + 26);
  // Counts are checked against the room left before they are multiplied, so that a
  // damaged count cannot wrap around and pass.
  const uint64_t room = idx_.size() - header;
  if (count_ > room / 12 || doc_count > (room - count_ * 12) / 8 || room != count_ * 12 + doc_count * 8)
    format_error(idx_path, "size does not match its " + std::to_string(count_) + " sequences");
  // The arrays start at byte 34, so they are read with memcpy, never through
  // misaligned pointers.
  sizes_ = p + header;
  pointers_ = p + header + count_ * 4;
  // Each sequence starts where the one before ends: a damaged size or pointer would
  // otherwise read another sequence's tokens, or past the end of the .bin.
  const size_t item = token_dtype_bytes(dtype_);
  for (size_t i = 0; i < count_; ++i) {
    const int32_t size = get<int32_t>(sizes_ + 4 * i);
    const int64_t pointer = get<int64_t>(pointers_ + 8 * i);
    if (size < 0) format_error(idx_path, "sequence " + std::to_string(i) + " has size " + std::to_string(size));
    if (pointer != static_cast<int64_t>(tokens_ * item))
      format_error(idx_path, "sequence " + std::to_string(i) + " starts at byte " + std::to_string(pointer) +
                                 ", not where the one before ends (" + std::to_string(tokens_ * item) + ")");
    tokens_ += uint64_t(size);
  }
  if (tokens_ * item != bin_.size())
    format_error(bin_path, "holds " + std::to_string(bin_.size()) + " bytes, the index describes " +
                               std::to_string(tokens_ * item));
}

int32_t IndexedDatasetReader::size(size_t sequence) const {
  if (sequence >= count_) throw std::out_of_range(prefix_ + ": no sequence " + std::to_string(sequence));
  return get<int32_t>(sizes_ + 4 * sequence);
}

void IndexedDatasetReader::read_stream(uint64_t begin, size_t n, std::vector<int32_t>& out) const {
  if (begin > tokens_ || n > tokens_ - begin)
    throw std::out_of_range(prefix_ + ": tokens " + std::to_string(begin) + ".." + std::to_string(begin + n) +
                            " beyond its " + std::to_string(tokens_));
  const size_t at = out.size();
  out.resize(at + n);  // filled in one tight loop: packing reads whole sequences this way
  int32_t* to = out.data() + at;
  const unsigned char* bytes = bin_.data();
  if (dtype_ == TokenDtype::uint16) {
    for (size_t i = 0; i < n; ++i) to[i] = get<uint16_t>(bytes + 2 * (begin + i));
  } else {
    std::memcpy(to, bytes + 4 * begin, 4 * n);
  }
}

std::vector<int32_t> IndexedDatasetReader::sequence(size_t index) const {
  const int32_t n = size(index);
  std::vector<int32_t> out;
  out.reserve(size_t(n));
  read_stream(get<uint64_t>(pointers_ + 8 * index) / token_dtype_bytes(dtype_), size_t(n), out);
  return out;
}

}  // namespace mucpt
