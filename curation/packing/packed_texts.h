#pragma once
// What a run packed, by text: for every document a shard holds, a 128-bit hash of its
// text and the shard entry with its tokens, written beside the shard's statistics
// (stats/SHARD.texts, 24 bytes a document). `curate decide` packs a document whose
// text the run packed by copying the run's tokens instead of tokenizing it again.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/hashing.h"

namespace mucpt {

class IndexedDatasetReader;

class PackedTextsWriter {
 public:
  void add(const Hash128& text, uint64_t entry);
  // Written atomically.
  void commit(const std::string& path) const;

 private:
  std::string records_;
};

// The path of a shard's texts file: stats/SHARD.texts beside tokens/SHARD.
std::string packed_texts_path(const std::string& root, const std::string& shard);

class PackedTexts {
 public:
  // Every shard of the run at `root` that has its texts file. A run packed with another
  // tokenizer (tokenizer_json differs from the one it saved) offers nothing.
  PackedTexts(const std::string& root, const std::string& tokenizer_json);
  ~PackedTexts();

  // The tokens the run packed for this text, ending in EOS, into ids; false when the
  // run packed no such text.
  bool find(const Hash128& text, std::vector<int32_t>& ids) const;
  size_t texts() const { return where_.size(); }

 private:
  struct HashOf {
    size_t operator()(const Hash128& h) const { return static_cast<size_t>(h.low); }
  };
  struct Entry {
    uint32_t shard;
    uint64_t index;
  };
  std::vector<std::unique_ptr<IndexedDatasetReader>> shards_;
  std::unordered_map<Hash128, Entry, HashOf> where_;
};

}  // namespace mucpt
