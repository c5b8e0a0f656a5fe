#include "common/document.h"

#include "common/json_writer.h"

namespace mucpt {

void Document::set_score(const std::string& name, double value) {
  for (auto& s : scores) {
    if (s.name == name) { s.number = value; s.label.clear(); return; }
  }
  scores.push_back({name, value, ""});
}

void Document::set_label(const std::string& name, const std::string& label) {
  for (auto& s : scores) {
    if (s.name == name) { s.label = label; return; }
  }
  scores.push_back({name, 0.0, label});
}

const Score* Document::score(const std::string& name) const {
  for (const auto& s : scores) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::string document_to_json(const Document& doc, const RejectInfo* reject) {
  std::string out;
  out.reserve(doc.text.size() + doc.meta_json.size() + 128);
  JsonWriter w(out);
  w.begin_object();
  w.field("id", doc.id);
  w.field("source", doc.source);
  w.field("text", doc.text);
  w.key("meta").raw(doc.meta_json.empty() ? std::string_view("{}") : std::string_view(doc.meta_json));
  w.key("scores").begin_object();
  for (const auto& s : doc.scores) {
    if (s.label.empty()) w.field(s.name, s.number);
    else w.field(s.name, s.label);
  }
  w.end_object();
  w.field("weight", doc.weight);
  if (reject) {
    w.field("stage", reject->stage);
    w.field("reason", reject->reason);
    w.field("file", reject->file);
    w.field("line", reject->line);
  }
  w.end_object();
  return out;
}

}  // namespace mucpt
