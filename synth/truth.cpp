#include "synth/truth.h"

#include "common/json_writer.h"
#include "synth/malformed.h"

namespace mucpt::synth {

TruthWriter::TruthWriter(const std::string& dir)
    : dir_(dir),
      documents_(dir + "/truth/documents.jsonl"),
      pii_(dir + "/truth/pii.jsonl"),
      clusters_(dir + "/truth/near_duplicates.jsonl"),
      corrupted_(dir + "/truth/corrupted_facts.jsonl"),
      planted_(dir + "/truth/planted_questions.jsonl") {
  // Every category appears in the summary, with 0 when nothing of it was generated.
  for (const char* k : {"clean", "exact_duplicate", "near_duplicate", "boilerplate", "spam", "offdomain",
                        "corrupted", "malformed"})
    kinds_[k] = 0;
  for (int s = 0; s < kSourceCount; ++s) sources_[source_spec(s).name] = 0;
  for (int t = 0; t < kPiiTypeCount; ++t) pii_types_[pii_type_name(static_cast<PiiType>(t))] = 0;
  for (int r = 0; r < kMalformedReasonCount; ++r)
    malformed_reasons_[malformed_reason_name(static_cast<MalformedReason>(r))] = 0;
}

void TruthWriter::document(const DocRecord& r) {
  const char* source = source_spec(r.source).name;
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("file", r.file);
  w.field("line", r.line);
  w.key("id");
  if (r.id.empty()) w.null();
  else w.value(r.id);
  w.field("source", source);
  w.field("kind", r.kind);
  w.field("style", r.style);
  w.field("lang", r.lang);
  if (!r.entity_id.empty()) w.field("entity_id", r.entity_id);
  if (!r.malformed_reason.empty()) w.field("malformed_reason", r.malformed_reason);
  if (!r.malformed_detail.empty()) w.field("malformed_detail", r.malformed_detail);
  if (!r.duplicate_of.empty()) w.field("duplicate_of", r.duplicate_of);
  if (r.cluster >= 0) w.field("cluster", r.cluster);
  if (!r.planted_question.empty()) w.field("planted_question", r.planted_question);
  if (!r.boilerplate_lines.empty()) {
    w.key("boilerplate_lines").begin_array();
    for (const auto& l : r.boilerplate_lines) w.value(l);
    w.end_array();
  }
  if (r.pii_count > 0) w.field("pii", static_cast<uint64_t>(r.pii_count));
  w.end_object();
  documents_.write_line(out);

  ++lines_;
  ++kinds_[r.kind];
  ++sources_[source];
  ++source_kinds_[source][r.kind];
  if (!r.malformed_reason.empty()) ++malformed_reasons_[r.malformed_reason];
  if (r.pii_count > 0) ++pii_docs_;
  if (r.lang == "zh") ++zh_lines_;
}

void TruthWriter::pii(const std::string& id, Source source, const Doc& doc) {
  for (const PiiSpan& s : doc.pii) {
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.field("id", id);
    w.field("source", source_spec(source).name);
    w.field("type", pii_type_name(s.type));
    w.field("start", static_cast<uint64_t>(s.start));
    w.field("end", static_cast<uint64_t>(s.end));
    w.field("value", std::string_view(doc.text).substr(s.start, s.end - s.start));
    w.end_object();
    pii_.write_line(out);
    ++pii_types_[pii_type_name(s.type)];
  }
}

void TruthWriter::cluster(int64_t cluster, Source source, const std::string& original,
                          const std::vector<NearDuplicateCopy>& copies) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("cluster", cluster);
  w.field("source", source_spec(source).name);
  w.field("original", original);
  w.key("members").begin_array();
  w.value(original);
  for (const auto& c : copies) w.value(c.id);
  w.end_array();
  w.key("jaccard").begin_object();
  for (const auto& c : copies) w.field(c.id, c.jaccard);
  w.end_object();
  w.end_object();
  clusters_.write_line(out);
  ++clusters_written_;
  for (const auto& c : copies) {
    ++near_pairs_;
    if (c.jaccard >= 0.8) ++near_pairs_high_;
  }
}

void TruthWriter::corrupted(const std::string& id, Source source, const std::string& entity_id,
                            const FactCorruption& c) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("id", id);
  w.field("source", source_spec(source).name);
  w.field("entity_id", entity_id);
  w.field("field", c.field);
  w.field("true", c.true_value);
  w.field("written", c.written_value);
  w.end_object();
  corrupted_.write_line(out);
  ++corrupted_count_;
}

void TruthWriter::planted(const std::string& question_id, const std::string& doc_id) {
  std::string out;
  JsonWriter w(out);
  w.begin_object().field("question_id", question_id).field("doc_id", doc_id).end_object();
  planted_.write_line(out);
  ++planted_count_;
}

void TruthWriter::commit(const std::vector<std::pair<std::string, std::string>>& extra_fields) {
  std::string out;
  JsonWriter w(out);
  auto counts = [&](const char* key, const std::map<std::string, uint64_t>& m) {
    w.key(key).begin_object();
    for (const auto& [k, n] : m) w.field(k, n);
    w.end_object();
  };
  w.begin_object();
  for (const auto& [k, json] : extra_fields) w.key(k).raw(json);
  w.field("lines", lines_);
  w.field("zh_lines", zh_lines_);
  counts("kinds", kinds_);
  counts("sources", sources_);
  w.key("source_kinds").begin_object();
  for (const auto& [source, m] : source_kinds_) counts(source.c_str(), m);
  w.end_object();
  counts("malformed_reasons", malformed_reasons_);
  counts("pii_types", pii_types_);
  w.field("pii_documents", pii_docs_);
  w.field("near_duplicate_clusters", clusters_written_);
  w.field("near_duplicate_pairs", near_pairs_);
  w.field("near_duplicate_pairs_jaccard_ge_0_8", near_pairs_high_);
  w.field("corrupted_facts", corrupted_count_);
  w.field("planted_questions", planted_count_);
  w.end_object();
  out += '\n';

  documents_.commit();
  pii_.commit();
  clusters_.commit();
  corrupted_.commit();
  planted_.commit();
  write_file_atomically(dir_ + "/truth/summary.json", out);
}

}  // namespace mucpt::synth
