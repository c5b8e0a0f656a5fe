#include "training/score/reference_loss_file.h"

#include <c10/util/Half.h>

#include <cstring>
#include <fstream>

#include "common/line_reader.h"

namespace mucpt {

namespace {

constexpr char kMagic[8] = {'M', 'U', 'C', 'P', 'T', 'R', 'L', 'S'};

template <class T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

template <class T>
T get(const std::string& bytes, size_t at) {
  T value;
  std::memcpy(&value, bytes.data() + at, sizeof(T));
  return value;
}

}  // namespace

size_t loss_dtype_bytes(LossDtype dtype) { return dtype == LossDtype::float16 ? 2 : 4; }

std::string encode_reference_loss_header(const ReferenceLossHeader& h) {
  std::string out(kMagic, sizeof kMagic);
  put(out, uint32_t(1));
  put(out, static_cast<uint32_t>(h.dtype));
  put(out, h.tokens);
  put(out, h.seq_len);
  put(out, uint32_t(0));
  return out;
}

ReferenceLossHeader decode_reference_loss_header(const std::string& bytes, const std::string& path) {
  if (bytes.size() < kReferenceLossHeaderBytes || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    throw IoError(path + ": not a reference-loss file");
  if (get<uint32_t>(bytes, 8) != 1) throw IoError(path + ": version " + std::to_string(get<uint32_t>(bytes, 8)) + ", not 1");
  ReferenceLossHeader h;
  const uint32_t dtype = get<uint32_t>(bytes, 12);
  if (dtype != 1 && dtype != 2) throw IoError(path + ": unknown dtype code " + std::to_string(dtype));
  h.dtype = static_cast<LossDtype>(dtype);
  h.tokens = get<uint64_t>(bytes, 16);
  h.seq_len = get<uint32_t>(bytes, 24);
  return h;
}

ReferenceLossHeader read_reference_loss_header(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path + ": cannot be opened");
  std::string bytes(kReferenceLossHeaderBytes, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<size_t>(in.gcount()));
  ReferenceLossHeader h = decode_reference_loss_header(bytes, path);
  in.seekg(0, std::ios::end);
  const auto size = static_cast<uint64_t>(in.tellg());
  if (size != kReferenceLossHeaderBytes + h.tokens * loss_dtype_bytes(h.dtype))
    throw IoError(path + ": holds " + std::to_string(size) + " bytes, its header describes " + std::to_string(h.tokens) +
                  " values");
  return h;
}

ReferenceLossReader::ReferenceLossReader(const std::string& path)
    : path_(path), header_(read_reference_loss_header(path)), in_(path, std::ios::binary) {
  if (!in_) throw IoError(path + ": cannot be opened");
}

void ReferenceLossReader::read(uint64_t begin, size_t n, std::vector<float>& out) {
  if (begin + n > header_.tokens) throw IoError(path_ + ": values beyond its " + std::to_string(header_.tokens));
  const size_t item = loss_dtype_bytes(header_.dtype);
  in_.seekg(static_cast<std::streamoff>(kReferenceLossHeaderBytes + begin * item));
  bytes_.resize(n * item);
  in_.read(bytes_.data(), static_cast<std::streamsize>(bytes_.size()));
  if (static_cast<size_t>(in_.gcount()) != bytes_.size()) throw IoError(path_ + ": read failed");
  for (size_t i = 0; i < n; ++i) {
    if (header_.dtype == LossDtype::float32) {
      out.push_back(get<float>(bytes_, i * 4));
    } else {
      c10::Half half;
      half.x = get<uint16_t>(bytes_, i * 2);
      out.push_back(static_cast<float>(half));
    }
  }
}

std::vector<float> read_reference_losses(const std::string& path, uint64_t begin, size_t n) {
  ReferenceLossReader reader(path);
  std::vector<float> out;
  out.reserve(n);
  reader.read(begin, n, out);
  return out;
}

}  // namespace mucpt
