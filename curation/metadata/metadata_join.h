#pragma once
// The metadata join: a source's metadata records (artist, album, year, label...) are
// looked up by the key the document carries in its preserved fields and rendered into
// the text as a header, so the model reads text and structured facts together. It runs
// after the filters, so the header never sways a quality rule; the header is masked by
// the source's privacy stage of its own, since the document's ran before it existed.
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "curation/stage.h"

namespace mucpt {

class MetadataTable {
 public:
  // Reads JSONL records and indexes them by `key`; throws IoError naming the file and
  // line of a record that is not a JSON object. Records are kept as their JSON text and
  // parsed when a document asks for one: a parsed object costs about ten times its
  // text, and the tables of a large corpus grow with it.
  MetadataTable(const std::vector<std::string>& paths, const std::string& key);
  std::optional<nlohmann::json> find(const std::string& value) const;
  const std::string& key() const { return key_; }
  size_t size() const { return records_.size(); }
  static std::shared_ptr<const MetadataTable> load(const std::vector<std::string>& paths, const std::string& key);

 private:
  std::string key_;
  std::unordered_map<std::string, std::string> records_;
};

// Renders a record with a template: "{field}" is replaced by the field's value, "\n"
// starts a line, and a line whose fields are all missing is left out. An empty
// template writes one "field: value" line per scalar field but the key.
std::string render_metadata(const nlohmann::json& record, const std::string& key, const std::string& templ);

struct MetadataOptions {
  bool enabled = true;
  std::string header_template;  // empty: one "field: value" line per field

  template <class Visitor>
  void visit(Visitor&& v) {
    v("metadata.enabled", enabled, "render each document's metadata record (manifest \"metadata\") into its text");
    v("metadata.template", header_template,
      "header template: {field} is a metadata field, \\n a new line; empty: one \"field: value\" line per field");
  }
};

class MetadataJoin : public Stage {
 public:
  // header_masking: the source's privacy stage, run over each header (null: none); a
  // header it would reject (too much personal data) is left out. by_document_id: the
  // table's key is the source's id field, which the parser takes out of the preserved
  // fields into the document's id.
  MetadataJoin(std::shared_ptr<const MetadataTable> table, std::string templ,
               std::unique_ptr<Stage> header_masking = nullptr, bool by_document_id = false)
      : table_(std::move(table)),
        template_(std::move(templ)),
        header_masking_(std::move(header_masking)),
        by_document_id_(by_document_id) {}
  const char* name() const override { return "metadata"; }
  Verdict process(Document& doc) override;
  void write_counters(nlohmann::json& out) const override;

 private:
  std::optional<std::string> key_of(const Document& doc) const;

  std::shared_ptr<const MetadataTable> table_;
  std::string template_;
  std::unique_ptr<Stage> header_masking_;
  bool by_document_id_;
  uint64_t joined_ = 0, no_key_ = 0, not_found_ = 0, headers_masked_ = 0, headers_left_out_ = 0;
};

}  // namespace mucpt
