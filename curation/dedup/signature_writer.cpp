#include "curation/dedup/signature_writer.h"

#include <cstring>

#include "common/errors.h"
#include "curation/dedup/shingles.h"

namespace mucpt {

KeeperKey keeper_key(const DedupOptions& options, const Document& doc, double source_priority) {
  double score = 0;
  if (!options.keep_score.empty()) {
    if (const Score* s = doc.score(options.keep_score)) score = s->number;
  }
  KeeperKey key;
  key.gid = global_document_id(doc.file_index, doc.line_number);
  const std::string& rule = options.keep_rule;
  if (rule == "priority") key.first = source_priority;
  else if (rule == "score") key.first = score;
  else if (rule == "priority_then_score") key.first = source_priority, key.second = score;
  else if (rule == "score_then_priority") key.first = score, key.second = source_priority;
  return key;
}

SignatureWriter::SignatureWriter(const std::string& path, const DedupOptions& options, double source_priority)
    : options_(options), priority_(source_priority), hasher_(options.bands, options.rows, options.seed), writer_(path) {}

void SignatureWriter::add(const Document& doc) {
  const std::vector<uint64_t> shingles = shingle_hashes(doc.text, options_.shingle_size, options_.seed);
  hasher_.signature(shingles, signature_);
  bands_.resize(static_cast<size_t>(options_.bands));
  for (int b = 0; b < options_.bands; ++b)
    bands_[static_cast<size_t>(b)] = shingles.empty() ? kNoBandKey : hasher_.band_key(signature_, b);
  digests_.resize(signature_.size());
  for (size_t i = 0; i < signature_.size(); ++i) digests_[i] = MinHasher::digest(signature_[i]);
  writer_.write(encode_record(options_.layout(), keeper_key(options_, doc, priority_), ordinal_++, hash128(doc.text),
                              bands_, digests_));
}

void SignatureWriter::add_record(std::string_view record) {
  const RecordLayout layout = options_.layout();
  if (record.size() != layout.size())
    throw IoError("a signature record of " + std::to_string(record.size()) + " bytes where the run's layout has " +
                  std::to_string(layout.size()));
  std::string copy(record);
  const uint64_t ordinal = ordinal_++;
  std::memcpy(copy.data() + layout.ordinal_at(), &ordinal, sizeof ordinal);
  writer_.write(copy);
}

}  // namespace mucpt
