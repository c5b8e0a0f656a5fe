#pragma once
// Packing: the kept documents of one work unit become one Megatron-LM indexed dataset
// shard (tokens/part-NNNNNN.bin + .idx), one document per entry ending in EOS; the run
// lists its shards, token counts per source and the tokenizer in tokens/dataset.json.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mucpt {

class Tokenizer;
struct Manifest;

// Tokenizes every document of docs_path into the shard at prefix; returns the shard's
// counts ({"shard", "source", "documents", "tokens"}).
nlohmann::json pack_unit(const std::string& docs_path, const std::string& prefix, const std::string& source,
                         Tokenizer& tokenizer);

// Writes tokens/tokenizer.json and tokens/dataset.json from the shards' counts.
void write_dataset_description(const std::string& tokens_dir, const std::vector<nlohmann::json>& shards,
                               const Manifest& manifest, const Tokenizer& tokenizer);

}  // namespace mucpt
