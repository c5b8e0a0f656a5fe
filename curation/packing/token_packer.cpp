#include "curation/packing/token_packer.h"

#include <cstdio>

#include "common/hashing.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/megatron/indexed_dataset_writer.h"
#include "common/tokenizer/tokenizer.h"
#include "common/tokenizer/tokenizer_json_writer.h"
#include "curation/manifest.h"
#include "curation/packing/curated_fields.h"
#include "curation/packing/mixing.h"

namespace mucpt {

ShardPacker::ShardPacker(const std::string& prefix, std::string texts_path, Tokenizer& tokenizer, MixingOptions mixing,
                         const PackedTexts* reuse)
    : name_(prefix.substr(prefix.rfind('/') + 1)),
      tokenizer_(tokenizer),
      mixing_(mixing),
      shard_(std::make_unique<IndexedDatasetWriter>(prefix, tokenizer.vocab_size(), tokenizer.eos_id())),
      texts_path_(std::move(texts_path)),
      reuse_(reuse),
      fields_(std::make_unique<CuratedFields>()) {}

ShardPacker::~ShardPacker() = default;

void ShardPacker::start_file(const std::string& docs_path, const std::string& source, double source_weight) {
  docs_path_ = docs_path;
  counts_ = &sources_[source];
  source_ = source;
  source_weight_ = source_weight;
  line_number_ = 0;
}

void ShardPacker::add_line(std::string_view line, size_t readable) {
  ++line_number_;
  auto where = [&] { return docs_path_ + ":" + std::to_string(line_number_); };
  std::string detail;
  CuratedFields& doc = *fields_;
  if (!doc.read(line, readable, detail))
    throw IoError(where() + ": a curated document cannot be read back: " + detail);
  // The document's own weight (set by the classifier's weight policy) sits beside its text.
  if (mixing_.enabled && !doc.weight()) throw IoError(where() + ": a curated document has no numeric \"weight\"");
  uint32_t copies =
      mixing_.enabled ? document_copies(source_, doc.id(), source_weight_ * *doc.weight(), mixing_.seed) : 1;
  SourceCounts& counts = *counts_;
  ++counts.documents;
  if (copies == 0) return;
  ids_.clear();
  const Hash128 text = hash128(doc.text());
  // Special-token text inside a document is ordinary text, never a control token.
  if (!reuse_ || !reuse_->find(text, ids_)) tokenizer_.encode(doc.text(), ids_, false);
  texts_.add(text, shard_->documents());
  uint64_t before = shard_->tokens();
  // Copies sit side by side; Megatron's sampler shuffles documents across the dataset.
  for (uint32_t c = 0; c < copies; ++c) shard_->add_document(ids_);
  uint64_t added = shard_->tokens() - before;
  counts.entries += copies;
  counts.tokens += added;
  counts.unique_tokens += added / copies;
}

void ShardPacker::add_documents(const std::string& docs_path, const std::string& source, double source_weight) {
  start_file(docs_path, source, source_weight);
  LineReader reader(docs_path);
  for (std::string_view line; reader.next(line);) add_line(line, reader.readable_after_line_start());
}

nlohmann::json ShardPacker::commit() {
  shard_->commit();
  texts_.commit(texts_path_);
  nlohmann::json out{{"shard", name_}, {"documents", shard_->documents()}, {"tokens", shard_->tokens()}};
  out["sources"] = nlohmann::json::object();
  for (const auto& [name, c] : sources_)
    out["sources"][name] = {{"documents", c.documents},
                            {"entries", c.entries},
                            {"tokens", c.tokens},
                            {"unique_tokens", c.unique_tokens}};
  return out;
}

namespace {

std::string blend_weight(double w) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", w);
  return text;
}

// Megatron's --data-path: "weight prefix weight prefix ...". With mixing done by
// repetition (or shards that mix sources) each shard is weighted by its tokens, so the
// packed proportions hold; shards of one source each, without mixing, are weighted by
// their tokens times their source's manifest weight: the mixture repetition would pack,
// so one manifest means one mixture either way.
std::string megatron_blend(const std::vector<nlohmann::json>& shards, const nlohmann::json& sources,
                           bool weight_by_source) {
  std::string blend;
  uint64_t total = 0;
  for (const auto& s : shards) total += s["tokens"].get<uint64_t>();
  for (const auto& s : shards) {
    uint64_t tokens = s["tokens"].get<uint64_t>();
    if (tokens == 0) continue;
    double share = static_cast<double>(tokens) / static_cast<double>(total);
    if (weight_by_source) share *= sources[s["sources"].begin().key()]["weight"].get<double>();
    blend += (blend.empty() ? "" : " ") + blend_weight(share) + " " + s["shard"].get<std::string>();
  }
  return blend;
}

}  // namespace

void write_dataset_description(const std::string& tokens_dir, const std::vector<nlohmann::json>& shards,
                               const Manifest& manifest, const Tokenizer& tokenizer, const MixingOptions& mixing) {
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
  dataset["mixing"] = {{"enabled", mixing.enabled}, {"seed", mixing.seed}};
  for (const auto& src : manifest.sources)
    dataset["sources"][src.name] = {{"weight", src.weight}, {"domain", src.domain}, {"documents", 0},
                                    {"entries", 0},         {"tokens", 0},          {"unique_tokens", 0}};
  uint64_t total = 0, entries = 0;
  bool one_source_per_shard = true;
  dataset["shards"] = nlohmann::json::array();
  for (const auto& s : shards) {
    dataset["shards"].push_back(s);
    total += s["tokens"].get<uint64_t>();
    entries += s["documents"].get<uint64_t>();
    if (s["sources"].size() > 1) one_source_per_shard = false;
    for (const auto& [name, counts] : s["sources"].items())
      for (const char* key : {"documents", "entries", "tokens", "unique_tokens"})
        dataset["sources"][name][key] = dataset["sources"][name][key].get<uint64_t>() + counts[key].get<uint64_t>();
  }
  // Curated documents, as the sources count them; entries, as Megatron's index counts
  // them (a document packed twice by mixing is two).
  uint64_t documents = 0;
  for (const auto& [name, counts] : dataset["sources"].items()) documents += counts["documents"].get<uint64_t>();
  dataset["documents"] = documents;
  dataset["entries"] = entries;
  dataset["tokens"] = total;
  dataset["megatron_data_path"] = megatron_blend(shards, dataset["sources"], !mixing.enabled && one_source_per_shard);
  write_file_atomically(tokens_dir + "/dataset.json", dataset.dump(1) + "\n");
}

}  // namespace mucpt
