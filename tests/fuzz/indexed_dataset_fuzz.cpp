// The Megatron .idx/.bin reader on arbitrary files: refused with a message or
// accepted, and each sequence it reads is the one its index entry points at, inside
// the .bin (checked against the bytes written here, since a read past a memory map
// is not always a fault).
//
// Input: two bytes give the .bin's length (little-endian; filled with the input
// repeated), the rest is the .idx.
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/megatron/indexed_dataset_reader.h"
#include "tests/fuzz/fuzz_support.h"

using namespace mucpt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const size_t bin_size = data[0] | size_t(data[1]) << 8;
  std::vector<uint8_t> bin(bin_size);
  for (size_t i = 0; i < bin_size; ++i) bin[i] = data[i % size];
  const uint8_t* idx = data + 2;
  const size_t idx_size = size - 2;
  fuzz::write_file("data.idx", idx, idx_size);
  fuzz::write_file("data.bin", bin.data(), bin.size());

  try {
    IndexedDatasetReader reader(fuzz::temp_dir() + "/data");
    const size_t width = token_dtype_bytes(reader.dtype());
    if (reader.tokens() * width != bin_size) fuzz::fail("token count does not match the .bin");
    // MMIDIDX: 34-byte header, int32 sizes, then int64 byte offsets into the .bin.
    const size_t count = reader.sequences();
    if (idx_size < 34 || count > (idx_size - 34) / 12) fuzz::fail("more sequences than the .idx holds");
    for (size_t i = 0; i < count; ++i) {
      int32_t n;
      int64_t offset;
      std::memcpy(&n, idx + 34 + 4 * i, 4);
      std::memcpy(&offset, idx + 34 + 4 * count + 8 * i, 8);
      std::vector<int32_t> tokens;
      try {
        tokens = reader.sequence(i);
      } catch (const std::out_of_range&) {
        continue;  // a sequence outside the .bin is refused
      }
      const uint64_t first = uint64_t(offset) / width;
      if (n < 0 || tokens.size() != size_t(n) || first + tokens.size() > reader.tokens())
        fuzz::fail("read a sequence outside the .bin");
      for (size_t k = 0; k < tokens.size(); ++k) {
        const uint8_t* p = bin.data() + (first + k) * width;
        const int32_t expected = width == 2 ? int32_t(p[0] | p[1] << 8) : int32_t(p[0] | p[1] << 8 | p[2] << 16 | uint32_t(p[3]) << 24);
        if (tokens[k] != expected) fuzz::fail("a sequence's tokens are not the .bin's");
      }
    }
  } catch (const std::runtime_error&) {
    // refused with the file named
  }
  return 0;
}
