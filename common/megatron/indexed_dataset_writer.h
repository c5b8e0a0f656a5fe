#pragma once
// Writes a Megatron-LM indexed dataset (MMIDIDX version 1): PREFIX.bin holds the
// tokens of every document back to back; PREFIX.idx holds, after its header, one
// int32 size and one int64 byte offset per document and the int64 document indices
// 0, 1, ..., N (one sequence per document). Megatron-LM and NeMo read the pair as is.
//
// Tokens stream to a temporary .bin; only the sizes stay in memory (4 bytes per
// document). commit() writes the .idx and renames both into place (the .idx last, so
// a reader never sees an index without its data); without commit() the destructor
// removes the temporary files.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace mucpt {

enum class TokenDtype : uint8_t {
  uint16 = 8,  // Megatron's dtype codes
  int32 = 4,
};

// uint16 when every id fits below 65,500 (Megatron's rule), else int32.
TokenDtype token_dtype_for_vocab(size_t vocab_size);
size_t token_dtype_bytes(TokenDtype dtype);

class IndexedDatasetWriter {
 public:
  // eos_id >= 0 is appended to every document that does not already end with it.
  IndexedDatasetWriter(const std::string& prefix, size_t vocab_size, int32_t eos_id);
  ~IndexedDatasetWriter();
  IndexedDatasetWriter(const IndexedDatasetWriter&) = delete;
  IndexedDatasetWriter& operator=(const IndexedDatasetWriter&) = delete;

  // One whole document.
  void add_document(const int32_t* ids, size_t n);
  void add_document(const std::vector<int32_t>& ids) { add_document(ids.data(), ids.size()); }
  // A long document in parts: append_tokens as often as needed, then end_document.
  void append_tokens(const int32_t* ids, size_t n);
  void end_document();

  void commit();

  uint64_t documents() const { return sizes_.size(); }
  uint64_t tokens() const { return tokens_; }
  TokenDtype dtype() const { return dtype_; }
  std::string bin_path() const { return prefix_ + ".bin"; }
  std::string idx_path() const { return prefix_ + ".idx"; }

 private:
  void write_tokens(const int32_t* ids, size_t n);
  void flush_buffer();

  std::string prefix_;
  std::string bin_tmp_, idx_tmp_;
  size_t vocab_size_;
  int32_t eos_id_;
  TokenDtype dtype_;
  std::FILE* bin_ = nullptr;
  std::vector<char> buffer_;
  std::vector<int32_t> sizes_;
  uint64_t current_ = 0;  // tokens of the open document
  int32_t last_token_ = -1;
  uint64_t tokens_ = 0;
  bool committed_ = false;
};

}  // namespace mucpt
