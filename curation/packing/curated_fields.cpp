#include "curation/packing/curated_fields.h"

#include <simdjson.h>

#include "common/simdjson_padding.h"

namespace mucpt {

namespace od = simdjson::ondemand;

struct CuratedFields::Impl {
  od::parser parser;
  std::string padded;  // a copy of a line read without padding after it
  std::string id;      // a numeric id, as its JSON text
};

CuratedFields::CuratedFields() : impl_(std::make_unique<Impl>()) {}
CuratedFields::~CuratedFields() = default;

bool CuratedFields::read(std::string_view line, size_t readable, std::string& detail) {
  text_ = id_ = {};
  weight_.reset();
  line = padded_for_simdjson(line, readable, impl_->padded);
  auto fail = [&](simdjson::error_code e) {
    detail = simdjson::error_message(e);
    return false;
  };
  od::document json;
  if (auto e = impl_->parser.iterate(line.data(), line.size(), line.size() + simdjson::SIMDJSON_PADDING).get(json))
    return fail(e);
  od::object object;
  if (auto e = json.get_object().get(object)) return fail(e);
  // In the order document_to_json writes them; a field elsewhere is still found.
  od::value id;
  if (!object.find_field_unordered("id").get(id)) {
    od::json_type type;
    if (auto e = id.type().get(type)) return fail(e);
    if (type == od::json_type::string) {
      if (auto e = id.get_string().get(id_)) return fail(e);
    } else if (type == od::json_type::number) {
      std::string_view raw = id.raw_json_token();
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r'))
        raw.remove_suffix(1);
      id_ = impl_->id.assign(raw);
    }
  }
  if (auto e = object.find_field_unordered("text").get_string().get(text_)) {
    detail = e == simdjson::INCORRECT_TYPE ? "field 'text' is not a string" : simdjson::error_message(e);
    return false;
  }
  double weight = 0;
  if (!object.find_field_unordered("weight").get_double().get(weight)) weight_ = weight;
  return true;
}

}  // namespace mucpt
