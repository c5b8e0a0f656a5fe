#include "curation/decide/measure_record.h"

#include <simdjson.h>

#include "common/errors.h"
#include "common/json_writer.h"

namespace mucpt {

namespace od = simdjson::ondemand;

namespace {

void write_scores(JsonWriter& w, const std::vector<Score>& scores) {
  w.begin_object();
  for (const auto& s : scores) {
    if (s.label.empty()) w.field(s.name, s.number);
    else w.field(s.name, s.label);
  }
  w.end_object();
}

// Scores in their written order: numbers and labels.
void read_scores(od::object object, std::vector<Score>& out) {
  out.clear();
  for (auto field : object) {
    Score s;
    s.name = std::string(std::string_view(field.unescaped_key()));
    od::value v = field.value();
    if (v.type() == od::json_type::string) s.label = std::string(std::string_view(v.get_string()));
    else s.number = double(v.get_double());
    out.push_back(std::move(s));
  }
}

}  // namespace

std::string measure_record_json(std::string entering, uint64_t line, const std::vector<Score>& measured) {
  std::string out = std::move(entering);
  out.pop_back();  // the closing brace: the record adds its own fields
  out += ',';
  JsonWriter w(out);
  w.field("line", line);
  w.key("measured");
  write_scores(w, measured);
  out += '}';
  return out;
}

struct MeasureRecordReader::Impl {
  od::parser parser;
  simdjson::padded_string buffer;
};

MeasureRecordReader::MeasureRecordReader() : impl_(std::make_unique<Impl>()) {}
MeasureRecordReader::~MeasureRecordReader() = default;

void MeasureRecordReader::parse(std::string_view line, Document& doc, const std::string& where) {
  impl_->buffer = simdjson::padded_string(line);
  try {
    od::document json = impl_->parser.iterate(impl_->buffer);
    od::object object = json.get_object();
    // Fields in the order measure_record_json writes them.
    doc.id = std::string(std::string_view(object["id"]));
    doc.source = std::string(std::string_view(object["source"]));
    doc.text = std::string(std::string_view(object["text"]));
    od::object meta = object["meta"].get_object();
    doc.meta_json = std::string(std::string_view(meta.raw_json()));
    read_scores(object["scores"].get_object(), doc.scores);
    doc.weight = double(object["weight"]);
    doc.line_number = uint64_t(object["line"]);
    read_scores(object["measured"].get_object(), doc.measured);
  } catch (const simdjson::simdjson_error& e) {
    throw IoError(where + ": not a measure record of `curate` (" + e.what() + ")");
  }
}

}  // namespace mucpt
