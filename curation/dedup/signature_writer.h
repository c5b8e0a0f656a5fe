#pragma once
// The streaming-phase side of de-duplication: for each kept document, its keeper key,
// exact hash and MinHash band keys and digests, appended to the unit's record file.
#include <memory>
#include <string>

#include "common/document.h"
#include "common/line_writer.h"
#include "curation/dedup/dedup_options.h"
#include "curation/dedup/dedup_record.h"
#include "curation/dedup/minhash.h"

namespace mucpt {

class SignatureWriter {
 public:
  SignatureWriter(const std::string& path, const DedupOptions& options, double source_priority);
  // Called for each kept document in output order.
  void add(const Document& doc);
  // A record a finished run wrote for the same document, renumbered to its place here.
  void add_record(std::string_view record);
  void commit() { writer_.commit(); }
  size_t record_bytes() const { return options_.layout().size(); }

 private:
  const DedupOptions& options_;
  double priority_;
  MinHasher hasher_;
  LineWriter writer_;
  uint64_t ordinal_ = 0;
  std::vector<uint64_t> signature_, bands_;
  std::vector<uint8_t> digests_;
};

KeeperKey keeper_key(const DedupOptions& options, const Document& doc, double source_priority);

}  // namespace mucpt
