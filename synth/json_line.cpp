#include "synth/json_line.h"

#include "common/json_writer.h"

namespace mucpt::synth {

void append_extra_fields(std::string& out, const Doc& doc) {
  if (!doc.entity_id.empty()) {
    out += ",\"entity_id\":";
    append_json_string(out, doc.entity_id);
  }
  for (const Field& f : doc.extra) {
    out += ',';
    append_json_string(out, f.key);
    out += ':';
    if (f.is_number) out += f.value;
    else append_json_string(out, f.value);
  }
}

std::string line_head(const SourceSpec& spec, const std::string& id) {
  std::string out;
  out.reserve(64);
  out += '{';
  append_json_string(out, spec.id_field);
  out += ':';
  append_json_string(out, id);
  return out;
}

std::string line_fields(const SourceSpec& spec, const Doc& doc) {
  std::string out;
  out.reserve(doc.text.size() + 256);
  out += ',';
  append_json_string(out, spec.text_field);
  out += ':';
  append_json_string(out, doc.text);
  append_extra_fields(out, doc);
  out += '}';
  return out;
}

std::string document_line(const SourceSpec& spec, const std::string& id, const Doc& doc) {
  return line_head(spec, id) + line_fields(spec, doc);
}

}  // namespace mucpt::synth
