#pragma once
// Packing: curated documents become a Megatron-LM indexed dataset shard (PREFIX.bin +
// .idx), one document per entry ending in EOS, each document repeated as mixing says;
// the run lists its shards, token counts per source and the tokenizer in
// tokens/dataset.json.
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "curation/packing/packed_texts.h"

namespace mucpt {

class IndexedDatasetWriter;
class CuratedFields;
class PackedTexts;
class Tokenizer;
struct Manifest;

struct MixingOptions {
  bool enabled = true;  // repeat documents by source weight x document weight
  uint64_t seed = 0;
};

class ShardPacker {
 public:
  // Writes PREFIX.bin/.idx and, on commit, the shard's texts file (packed_texts.h).
  // With `reuse`, a text found there is packed from a finished run's tokens.
  ShardPacker(const std::string& prefix, std::string texts_path, Tokenizer& tokenizer, MixingOptions mixing,
              const PackedTexts* reuse = nullptr);
  ~ShardPacker();

  // The document lines that follow are those of this curated docs file (named in
  // messages), of one source.
  void start_file(const std::string& docs_path, const std::string& source, double source_weight);
  // The file's next document line; `readable` as JsonlParser::parse takes it.
  void add_line(std::string_view line, size_t readable = 0);
  // Every document of a curated docs file, read back.
  void add_documents(const std::string& docs_path, const std::string& source, double source_weight);
  // Writes the shard and returns its counts: {"shard", "documents" (entries),
  // "tokens", "sources": {name: {"documents", "entries", "tokens", "unique_tokens"}}}.
  nlohmann::json commit();

 private:
  struct SourceCounts {
    uint64_t documents = 0, entries = 0, tokens = 0, unique_tokens = 0;
  };
  std::string name_;
  Tokenizer& tokenizer_;
  MixingOptions mixing_;
  std::unique_ptr<IndexedDatasetWriter> shard_;
  std::map<std::string, SourceCounts> sources_;
  std::vector<int32_t> ids_;
  std::string texts_path_;
  PackedTextsWriter texts_;
  const PackedTexts* reuse_;
  // The file being added.
  std::string docs_path_;
  SourceCounts* counts_ = nullptr;
  std::string source_;
  double source_weight_ = 1.0;
  uint64_t line_number_ = 0;
  std::unique_ptr<CuratedFields> fields_;
};

// Writes tokens/tokenizer.json and tokens/dataset.json from the shards' counts.
void write_dataset_description(const std::string& tokens_dir, const std::vector<nlohmann::json>& shards,
                               const Manifest& manifest, const Tokenizer& tokenizer, const MixingOptions& mixing);

}  // namespace mucpt
