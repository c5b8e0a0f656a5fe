#pragma once
// The per-token reference losses `score` writes beside a shard (PREFIX.refloss),
// aligned 1:1 with the shard's .bin token stream: value i is the reference model's
// loss of predicting token i from the tokens before it in its window (NaN where no
// window predicts the token: a shard's first token and its tail). A 32-byte header:
//   "MUCPTRLS" | uint32 version (1) | uint32 dtype (1 = float16, 2 = float32) |
//   uint64 tokens | uint32 seq_len | uint32 reserved (0)
// then the values, little-endian.
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace mucpt {

enum class LossDtype : uint32_t { float16 = 1, float32 = 2 };

struct ReferenceLossHeader {
  LossDtype dtype = LossDtype::float16;
  uint64_t tokens = 0;
  uint32_t seq_len = 0;
};

constexpr size_t kReferenceLossHeaderBytes = 32;

std::string encode_reference_loss_header(const ReferenceLossHeader& header);
// Throws naming the path when the bytes are not a version-1 header.
ReferenceLossHeader decode_reference_loss_header(const std::string& bytes, const std::string& path);
size_t loss_dtype_bytes(LossDtype dtype);

// Reads the values [begin, begin + n) as float32.
std::vector<float> read_reference_losses(const std::string& path, uint64_t begin, size_t n);
ReferenceLossHeader read_reference_loss_header(const std::string& path);

// The same file kept open, for many reads.
class ReferenceLossReader {
 public:
  explicit ReferenceLossReader(const std::string& path);
  const ReferenceLossHeader& header() const { return header_; }
  // Appends the values [begin, begin + n) to out as float32.
  void read(uint64_t begin, size_t n, std::vector<float>& out);

 private:
  std::string path_;
  ReferenceLossHeader header_;
  std::ifstream in_;
  std::string bytes_;
};

}  // namespace mucpt
