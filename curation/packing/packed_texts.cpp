#include "curation/packing/packed_texts.h"

#include <cstring>
#include <filesystem>

#include "common/errors.h"
#include "common/line_writer.h"
#include "common/megatron/indexed_dataset_reader.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {
constexpr size_t kRecordBytes = 24;  // text hash (low, high), entry
}

void PackedTextsWriter::add(const Hash128& text, uint64_t entry) {
  char record[kRecordBytes];
  std::memcpy(record, &text.low, 8);
  std::memcpy(record + 8, &text.high, 8);
  std::memcpy(record + 16, &entry, 8);
  records_.append(record, kRecordBytes);
}

void PackedTextsWriter::commit(const std::string& path) const { write_file_atomically(path, records_); }

std::string packed_texts_path(const std::string& root, const std::string& shard) {
  return root + "/stats/" + shard + ".texts";
}

PackedTexts::PackedTexts(const std::string& root, const std::string& tokenizer_json) {
  const std::string saved = root + "/tokens/tokenizer.json";
  if (!fs::exists(saved) || read_small_file(saved) != tokenizer_json || !fs::is_directory(root + "/stats")) return;
  for (const auto& file : fs::directory_iterator(root + "/stats")) {
    if (file.path().extension() != ".texts") continue;
    const std::string shard = root + "/tokens/" + file.path().stem().string();
    if (!fs::exists(shard + ".idx")) continue;
    const std::string records = read_small_file(file.path().string());
    if (records.size() % kRecordBytes != 0) throw UserError(file.path().string() + ": not a packed-texts file");
    shards_.push_back(std::make_unique<IndexedDatasetReader>(shard));
    const auto index = static_cast<uint32_t>(shards_.size() - 1);
    for (size_t at = 0; at < records.size(); at += kRecordBytes) {
      Hash128 text;
      Entry entry{index, 0};
      std::memcpy(&text.low, records.data() + at, 8);
      std::memcpy(&text.high, records.data() + at + 8, 8);
      std::memcpy(&entry.index, records.data() + at + 16, 8);
      if (entry.index >= shards_.back()->sequences())
        throw UserError(file.path().string() + ": names entry " + std::to_string(entry.index) + " of a shard of " +
                        std::to_string(shards_.back()->sequences()));
      where_.emplace(text, entry);
    }
  }
}

PackedTexts::~PackedTexts() = default;

bool PackedTexts::find(const Hash128& text, std::vector<int32_t>& ids) const {
  const auto it = where_.find(text);
  if (it == where_.end()) return false;
  ids = shards_[it->second.shard]->sequence(it->second.index);
  return true;
}

}  // namespace mucpt
