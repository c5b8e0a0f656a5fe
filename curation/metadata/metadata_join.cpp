#include "curation/metadata/metadata_join.h"

#include <simdjson.h>

#include <map>
#include <mutex>
#include <new>

#include "common/line_reader.h"

namespace mucpt {

namespace {

constexpr int kMaxDepth = 256;

std::string as_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string joined;
    for (const auto& e : v)
      if (e.is_primitive() && !e.is_null()) joined += (joined.empty() ? "" : ", ") + as_text(e);
    return joined;
  }
  return v.dump();
}

}  // namespace

MetadataTable::MetadataTable(const std::vector<std::string>& paths, const std::string& key) : key_(key) {
  // simdjson checks each record and finds its key; the record is kept as its line, and
  // parsed by nlohmann only when a document asks for it.
  simdjson::dom::parser parser;
  if (parser.allocate(1 << 16, kMaxDepth) != simdjson::SUCCESS) throw std::bad_alloc();
  for (const auto& path : paths) {
    LineReader reader(path);
    std::string_view line;
    uint64_t number = 0;
    while (reader.next(line)) {
      ++number;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      const bool copy = reader.readable_after_line_start() < line.size() + simdjson::SIMDJSON_PADDING;
      simdjson::dom::element record;
      const simdjson::error_code error = parser.parse(line.data(), line.size(), copy).get(record);
      const auto where = [&] { return path + ":" + std::to_string(number); };
      if (error == simdjson::DEPTH_ERROR)
        throw IoError(where() + ": a metadata record nests more than " + std::to_string(kMaxDepth) + " levels");
      if (error || !record.is_object()) throw IoError(where() + ": a metadata record must be a JSON object");
      simdjson::dom::element value;
      if (record.at_key(key).get(value) || value.is_null()) continue;
      std::string text;
      if (value.is_string()) text = std::string(std::string_view(value));
      else text = as_text(nlohmann::json::parse(simdjson::minify(value)));  // its text as nlohmann writes it
      records_.emplace(std::move(text), std::string(line));
    }
  }
}

std::optional<nlohmann::json> MetadataTable::find(const std::string& value) const {
  auto it = records_.find(value);
  if (it == records_.end()) return std::nullopt;
  return nlohmann::json::parse(it->second);
}

std::shared_ptr<const MetadataTable> MetadataTable::load(const std::vector<std::string>& paths, const std::string& key) {
  static std::mutex mutex;
  static std::map<std::pair<std::vector<std::string>, std::string>, std::shared_ptr<const MetadataTable>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto id = std::make_pair(paths, key);
  if (auto it = cache.find(id); it != cache.end()) return it->second;
  auto table = std::make_shared<const MetadataTable>(paths, key);
  cache[id] = table;
  return table;
}

std::string render_metadata(const nlohmann::json& record, const std::string& key, const std::string& templ) {
  std::string out;
  if (templ.empty()) {
    for (auto it = record.begin(); it != record.end(); ++it) {
      if (it.key() == key || it->is_object() || it->is_null()) continue;
      std::string value = as_text(*it);
      if (!value.empty()) out += it.key() + ": " + value + "\n";
    }
    return out;
  }
  // Line by line, so that a line whose fields are all missing disappears.
  std::string expanded;
  for (size_t i = 0; i < templ.size(); ++i) {
    if (templ[i] == '\\' && i + 1 < templ.size() && templ[i + 1] == 'n') {
      expanded += '\n';
      ++i;
    } else {
      expanded += templ[i];
    }
  }
  size_t start = 0;
  while (start <= expanded.size()) {
    size_t end = expanded.find('\n', start);
    if (end == std::string::npos) end = expanded.size();
    std::string line;
    size_t fields = 0, found = 0;
    for (size_t i = start; i < end; ++i) {
      size_t close = expanded[i] == '{' ? expanded.find('}', i) : std::string::npos;
      if (close == std::string::npos || close > end) {
        line += expanded[i];
        continue;
      }
      ++fields;
      auto it = record.find(expanded.substr(i + 1, close - i - 1));
      if (it != record.end() && !it->is_null()) {
        ++found;
        line += as_text(*it);
      }
      i = close;
    }
    if (fields == 0 || found > 0) out += line + (end < expanded.size() ? "\n" : "");
    start = end + 1;
  }
  return out;
}

// The document's value of the table's key: its id, or a preserved field; null when it
// has none.
std::optional<std::string> MetadataJoin::key_of(const Document& doc) const {
  if (by_document_id_) return doc.id;
  nlohmann::json meta = nlohmann::json::parse(doc.meta_json, nullptr, false);
  auto it = meta.is_object() ? meta.find(table_->key()) : meta.end();
  if (!meta.is_object() || it == meta.end() || it->is_null()) return std::nullopt;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

Verdict MetadataJoin::process(Document& doc) {
  const std::optional<std::string> value = key_of(doc);
  if (!value) {
    ++no_key_;
    return Verdict::kept();
  }
  const std::optional<nlohmann::json> record = table_->find(*value);
  if (!record) {
    ++not_found_;
    return Verdict::kept();
  }
  std::string header = render_metadata(*record, table_->key(), template_);
  if (header_masking_ && !header.empty()) {
    Document masked;
    masked.text = header;
    const Verdict verdict = header_masking_->process(masked);
    if (!verdict.keep()) {
      ++headers_left_out_;
      return Verdict::kept();
    }
    if (masked.text != header) ++headers_masked_;
    header.swap(masked.text);
  }
  if (!header.empty()) {
    if (header.back() != '\n') header += '\n';
    doc.text = header + "\n" + doc.text;
  }
  ++joined_;
  return Verdict::kept();
}

void MetadataJoin::write_counters(nlohmann::json& out) const {
  out["joined"] = joined_;
  out["without_key"] = no_key_;
  out["key_not_found"] = not_found_;
  if (header_masking_) {
    out["headers_masked"] = headers_masked_;
    out["headers_left_out_for_pii"] = headers_left_out_;
  }
}

}  // namespace mucpt
