#include "synth/manifest.h"

#include "common/json_writer.h"
#include "synth/sources.h"

namespace mucpt::synth {

std::string source_path(const char* source_name, bool compressed) {
  return std::string("sources/") + source_name + (compressed ? ".jsonl.zst" : ".jsonl");
}

std::string manifest_json(bool compressed, int sources) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("name", "synth-world");
  w.key("sources").begin_array();
  for (int s = 0; s < sources; ++s) {
    const SourceSpec& spec = source_spec(s);
    w.begin_object();
    w.field("name", spec.name);
    w.key("paths").begin_array().value(source_path(spec.name, compressed)).end_array();
    w.field("text_field", spec.text_field);
    w.field("id_field", spec.id_field);
    w.field("domain", spec.domain);
    w.field("weight", spec.weight);
    w.field("priority", spec.priority);
    w.field("license", "synthetic");
    if (spec.entity_kind) {
      w.key("metadata").begin_object();
      w.key("paths").begin_array().value(std::string("metadata/") + spec.name + ".jsonl").end_array();
      w.field("key", "entity_id");
      w.end_object();
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

}  // namespace mucpt::synth
