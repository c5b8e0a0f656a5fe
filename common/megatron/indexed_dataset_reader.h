#pragma once
// Reads a Megatron-LM indexed dataset (MMIDIDX version 1) as the writer beside it
// writes it: both files are memory-mapped, a sequence is read by its index. A file
// that is missing (IoError) or does not follow the format (sequences not back to back,
// a .bin of another length: UserError) is refused with the file named.
#include <cstdint>
#include <string>
#include <vector>

#include "common/mapped_file.h"
#include "common/megatron/indexed_dataset_writer.h"

namespace mucpt {

class IndexedDatasetReader {
 public:
  explicit IndexedDatasetReader(const std::string& prefix);
  IndexedDatasetReader(const IndexedDatasetReader&) = delete;
  IndexedDatasetReader& operator=(const IndexedDatasetReader&) = delete;

  size_t sequences() const { return count_; }
  uint64_t tokens() const { return tokens_; }  // every token of the .bin
  TokenDtype dtype() const { return dtype_; }
  int32_t size(size_t sequence) const;
  // The tokens [begin, begin + n) of the whole .bin stream, appended to out as int32.
  void read_stream(uint64_t begin, size_t n, std::vector<int32_t>& out) const;
  // One sequence's tokens.
  std::vector<int32_t> sequence(size_t index) const;

 private:
  void read_index();  // maps both files and checks the index

  std::string prefix_;
  MappedFile idx_, bin_;
  TokenDtype dtype_ = TokenDtype::uint16;
  size_t count_ = 0;
  const unsigned char* sizes_ = nullptr;     // int32 per sequence
  const unsigned char* pointers_ = nullptr;  // int64 byte offset per sequence
  uint64_t tokens_ = 0;
};

}  // namespace mucpt
