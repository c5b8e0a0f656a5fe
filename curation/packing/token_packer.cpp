#include "curation/packing/token_packer.h"

#include <cstdio>
#include <map>

#include "common/hashing.h"
#include "common/jsonl_parser.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/megatron/indexed_dataset_writer.h"
#include "common/tokenizer/tokenizer.h"
#include "common/tokenizer/tokenizer_json_writer.h"
#include "curation/manifest.h"

namespace mucpt {

nlohmann::json pack_unit(const std::string& docs_path, const std::string& prefix, const std::string& source,
                         Tokenizer& tokenizer) {
  IndexedDatasetWriter shard(prefix, tokenizer.vocab_size(), tokenizer.eos_id());
  JsonlParser parser("text", "id");
  LineReader reader(docs_path);
  std::string_view line;
  std::string detail;
  Document doc;
  std::vector<int32_t> ids;
  while (reader.next(line)) {
    if (parser.parse(line, reader.readable_after_line_start(), doc, detail) != ParseStatus::ok)
      throw IoError(docs_path + ": a curated document cannot be read back: " + detail);
    ids.clear();
    // Special-token text inside a document is ordinary text, never a control token.
    tokenizer.encode(doc.text, ids, false);
    shard.add_document(ids);
  }
  shard.commit();
  std::string name = prefix.substr(prefix.rfind('/') + 1);
  return {{"shard", name}, {"source", source}, {"documents", shard.documents()}, {"tokens", shard.tokens()}};
}

void write_dataset_description(const std::string& tokens_dir, const std::vector<nlohmann::json>& shards,
                               const Manifest& manifest, const Tokenizer& tokenizer) {
  const std::string tokenizer_path = tokens_dir + "/tokenizer.json";
  save_tokenizer_json(tokenizer, tokenizer_path);
  char hash[32];
  std::snprintf(hash, sizeof hash, "%016llx",
                static_cast<unsigned long long>(hash64(read_small_file(tokenizer_path))));

  nlohmann::json dataset;
  dataset["format"] = "Megatron-LM MMIDIDX version 1, one document per entry, EOS-terminated";
  dataset["tokenizer"] = "tokenizer.json";
  dataset["tokenizer_hash"] = hash;
  dataset["vocab_size"] = tokenizer.vocab_size();
  dataset["eos_id"] = tokenizer.eos_id();
  dataset["dtype"] = tokenizer.vocab_size() < 65500 ? "uint16" : "int32";
  std::map<std::string, uint64_t> tokens, documents;
  uint64_t total = 0;
  for (const auto& s : shards) {
    dataset["shards"].push_back(s);
    tokens[s["source"]] += s["tokens"].get<uint64_t>();
    documents[s["source"]] += s["documents"].get<uint64_t>();
    total += s["tokens"].get<uint64_t>();
  }
  dataset["tokens"] = total;
  // Megatron's --data-path blend: each shard weighted by its source's manifest weight
  // spread over the source's tokens, so a source's share follows its weight.
  std::string blend;
  for (const auto& src : manifest.sources) {
    dataset["sources"][src.name] = {{"weight", src.weight},
                                    {"domain", src.domain},
                                    {"documents", documents[src.name]},
                                    {"tokens", tokens[src.name]}};
  }
  for (const auto& s : shards) {
    const std::string source = s["source"];
    double weight = 1.0;
    for (const auto& src : manifest.sources)
      if (src.name == source) weight = src.weight;
    uint64_t source_tokens = tokens[source];
    if (source_tokens == 0 || s["tokens"].get<uint64_t>() == 0) continue;
    double share = weight * static_cast<double>(s["tokens"].get<uint64_t>()) / static_cast<double>(source_tokens);
    char w[32];
    std::snprintf(w, sizeof w, "%.6g", share);
    blend += (blend.empty() ? "" : " ") + std::string(w) + " " + s["shard"].get<std::string>();
  }
  dataset["megatron_data_path"] = blend;
  write_file_atomically(tokens_dir + "/dataset.json", dataset.dump(1) + "\n");
}

}  // namespace mucpt
