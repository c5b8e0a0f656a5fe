// Packed texts: a shard's texts file names the entry of every text it packed, and a
// packer given a finished run's texts packs those texts from the run's tokens (checked
// here with tokens the tokenizer would never give), tokenizing only the others; a run
// packed with another tokenizer offers nothing.
#include "tests/catch.h"
#include <filesystem>

#include "common/line_writer.h"
#include "common/megatron/indexed_dataset_reader.h"
#include "common/megatron/indexed_dataset_writer.h"
#include "common/tokenizer/tokenizer_json_writer.h"
#include "common/tokenizer/tokenizer_loader.h"
#include "curation/packing/packed_texts.h"
#include "curation/packing/token_packer.h"
#include "tests/test_support.h"

using namespace mucpt;
namespace fs = std::filesystem;

namespace {

void write_docs(const std::string& path, const std::vector<std::string>& texts) {
  LineWriter docs(path);
  for (size_t i = 0; i < texts.size(); ++i)
    docs.write_line(R"({"id":"d)" + std::to_string(i) + R"(","source":"s","text":")" + texts[i] + R"(","weight":1})");
  docs.commit();
}

}  // namespace

TEST_CASE("a packer takes the tokens of texts a finished run packed and tokenizes the rest") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  Tokenizer tokenizer = load_tokenizer(data + "/tokenizers/gpt2");
  const int32_t eos = tokenizer.eos_id();
  const std::string run = testing::scratch_dir("packed_texts_run");
  fs::create_directories(run + "/tokens");
  fs::create_directories(run + "/stats");
  save_tokenizer_json(tokenizer, run + "/tokens/tokenizer.json");
  {
    // The finished run: "hello world" packed as tokens no tokenizer gives it.
    IndexedDatasetWriter shard(run + "/tokens/rank-00000", tokenizer.vocab_size(), eos);
    shard.add_document({1, 2, 3});
    shard.add_document({7, 8, 9});
    shard.commit();
    PackedTextsWriter texts;
    texts.add(hash128("something else"), 0);
    texts.add(hash128("hello world"), 1);
    texts.commit(packed_texts_path(run, "rank-00000"));
  }
  const PackedTexts reuse(run, to_tokenizer_json(tokenizer));
  CHECK(reuse.texts() == 2);

  const std::string out = testing::scratch_dir("packed_texts_new");
  fs::create_directories(out + "/stats");
  write_docs(out + "/docs.jsonl", {"a new text", "hello world"});
  ShardPacker packer(out + "/shard", packed_texts_path(out, "shard"), tokenizer, MixingOptions{false, 0}, &reuse);
  packer.add_documents(out + "/docs.jsonl", "s", 1.0);
  packer.commit();
  IndexedDatasetReader packed(out + "/shard");
  REQUIRE(packed.sequences() == 2);
  std::vector<int32_t> fresh;
  tokenizer.encode("a new text", fresh, false);
  fresh.push_back(eos);
  CHECK(packed.sequence(0) == fresh);
  CHECK(packed.sequence(1) == std::vector<int32_t>{7, 8, 9, eos});

  // The new shard's texts name its own entries.
  const std::string next = testing::scratch_dir("packed_texts_next");
  fs::create_directories(next + "/tokens");
  fs::create_directories(next + "/stats");
  for (const char* ext : {".bin", ".idx"}) fs::copy_file(out + "/shard" + ext, next + "/tokens/shard" + ext);
  fs::copy_file(packed_texts_path(out, "shard"), packed_texts_path(next, "shard"));
  save_tokenizer_json(tokenizer, next + "/tokens/tokenizer.json");
  const PackedTexts again(next, to_tokenizer_json(tokenizer));
  std::vector<int32_t> ids;
  REQUIRE(again.find(hash128("a new text"), ids));
  CHECK(ids == fresh);
  CHECK_FALSE(again.find(hash128("not packed"), ids));

  // Another tokenizer's run offers no tokens.
  const PackedTexts other(run, to_tokenizer_json(load_tokenizer(data + "/tokenizers/qwen2")));
  CHECK(other.texts() == 0);
}
