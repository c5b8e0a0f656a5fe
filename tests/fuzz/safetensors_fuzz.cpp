// The safetensors header reader on arbitrary bytes: a file is refused with IoError or
// accepted, and what it accepts is whole: every tensor lies in the data section and
// its byte range is exactly its shape times its element size.
#include <algorithm>
#include <string>

#include "common/line_reader.h"
#include "tests/fuzz/fuzz_support.h"
#include "training/checkpoint/safetensors_file.h"

using namespace mucpt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  SafetensorsLayout layout;
  try {
    layout = parse_safetensors(data, size, "fuzz.safetensors");
  } catch (const IoError&) {
    return 0;
  }
  if (layout.data_offset < 8 || layout.data_offset > size) fuzz::fail("data section outside the file");
  const size_t data_size = size - layout.data_offset;
  for (const auto& [name, e] : layout.tensors) {
    if (e.begin > e.end || e.end > data_size) fuzz::fail("tensor outside the data section");
    const size_t element = safetensors_dtype_bytes(e.dtype);
    if (element == 0) fuzz::fail("accepted an unknown dtype");
    // The shape's byte count, held at "more than the file" once past it (unless a
    // dimension is 0), so no product overflows.
    unsigned __int128 bytes = element;
    bool empty = false;
    for (int64_t d : e.shape) {
      if (d < 0) fuzz::fail("accepted a negative dimension");
      empty |= d == 0;
      bytes = std::min<unsigned __int128>(bytes * static_cast<uint64_t>(d), size + 1);
    }
    if (empty) bytes = 0;
    if (bytes != e.end - e.begin) fuzz::fail("byte range does not match shape x element size");
  }
  return 0;
}
