#include "curation/decide/measure_record.h"

#include <simdjson.h>

#include <filesystem>

#include "common/errors.h"
#include "common/json_writer.h"
#include "common/line_reader.h"
#include "common/simdjson_padding.h"

namespace mucpt {

namespace od = simdjson::ondemand;

std::string measure_record_json(uint64_t line, const std::vector<Score>& measured) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("line", line);
  w.key("measured").begin_object();
  bool open = false;
  for (const auto& s : measured) {
    if (!s.name.empty()) {  // a stage's entry: its name, then its key and values in an array
      if (open) w.end_array();
      w.key(s.name).begin_array().value(static_cast<uint64_t>(s.number));
      open = true;
    } else if (s.label.empty()) {
      w.value(s.number);
    } else {
      w.value(s.label);
    }
  }
  if (open) w.end_array();
  w.end_object();
  w.end_object();
  return out;
}

namespace {

// `readable`: the bytes that may be read from line.data() (padded_for_simdjson).
// `where` names the record for a message: built only when there is one.
template <class Where>
void parse_with(od::parser& parser, std::string& buffer, std::string_view line, size_t readable,
                uint64_t& input_line, std::vector<Score>& measured, const Where& where) {
  line = padded_for_simdjson(line, readable, buffer);
  measured.clear();
  try {
    od::document json = parser.iterate(line.data(), line.size(), line.size() + simdjson::SIMDJSON_PADDING);
    od::object object = json.get_object();
    input_line = uint64_t(object["line"]);
    for (auto field : object["measured"].get_object()) {
      Score entry;
      entry.name = std::string(std::string_view(field.unescaped_key()));
      bool first = true;
      for (auto element : field.value().get_array()) {
        od::value v = element.value();
        if (first) {
          entry.number = static_cast<double>(uint64_t(v.get_uint64()));
          measured.push_back(std::move(entry));
          first = false;
        } else if (v.type() == od::json_type::string) {
          measured.push_back({std::string(), 0.0, std::string(std::string_view(v.get_string()))});
        } else {
          measured.push_back({std::string(), double(v.get_double()), std::string()});
        }
      }
    }
  } catch (const simdjson::simdjson_error& e) {
    throw IoError(where() + ": not a measure record of `curate` (" + e.what() + ")");
  }
}

}  // namespace

void parse_measure_record(std::string_view line, uint64_t& input_line, std::vector<Score>& measured,
                          const std::string& where) {
  od::parser parser;
  std::string buffer;
  parse_with(parser, buffer, line, 0, input_line, measured, [&where] { return where; });
}

struct MeasureRecords::Impl {
  std::string path;
  LineReader reader;
  od::parser parser;
  std::string buffer;
  uint64_t records = 0;
  bool pending = false;  // `line` and `measured` hold a record not handed out yet
  uint64_t line = 0;
  std::vector<Score> measured;
  explicit Impl(std::string p) : path(std::move(p)), reader(opened(path)) {}

  // A damaged or missing measures file is the user's to fix (run curate again), not a
  // fault of the input being curated: it stops the run with exit 2.
  static const std::string& opened(const std::string& path) {
    if (!std::filesystem::exists(path))
      throw UserError(path + ": missing; the run's measures are incomplete: run curate again");
    return path;
  }

  std::string_view text;  // the record `line` and `measured` were read from

  bool next() {
    try {
      if (!reader.next(text)) return false;
      ++records;
      parse_with(parser, buffer, text, reader.readable_after_line_start(), line, measured,
                 [this] { return path + ":" + std::to_string(records); });
    } catch (const IoError& e) {
      throw UserError(std::string(e.what()) + "; run curate again to measure anew");
    }
    return true;
  }
};

MeasureRecords::MeasureRecords(std::string path) : impl_(std::make_unique<Impl>(std::move(path))) {}
MeasureRecords::~MeasureRecords() = default;

void MeasureRecords::fill(Document& doc) {
  Impl& m = *impl_;
  while (!m.pending || m.line < doc.line_number) {
    if (!m.next()) {
      m.pending = false;
      doc.measured.clear();
      return;
    }
    m.pending = true;
  }
  if (m.line != doc.line_number) {
    doc.measured.clear();
    return;
  }
  doc.measured.swap(m.measured);
  m.pending = false;
}

bool MeasureRecords::next_record(uint64_t& input_line, std::vector<Score>& measured, std::string& raw) {
  Impl& m = *impl_;
  if (!m.pending && !m.next()) return false;
  m.pending = false;
  input_line = m.line;
  measured.swap(m.measured);
  raw.assign(m.text);
  return true;
}

}  // namespace mucpt
