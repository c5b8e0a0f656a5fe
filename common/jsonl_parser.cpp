#include "common/jsonl_parser.h"

#include <simdjson.h>

#include "common/json_writer.h"
#include "common/simdjson_padding.h"

namespace od = simdjson::ondemand;

namespace mucpt {

const char* parse_status_name(ParseStatus status) {
  switch (status) {
    case ParseStatus::ok: return "ok";
    case ParseStatus::empty_line: return "empty_line";
    case ParseStatus::invalid_utf8: return "invalid_utf8";
    case ParseStatus::invalid_json: return "invalid_json";
    case ParseStatus::not_object: return "not_object";
    case ParseStatus::missing_text: return "missing_text";
    case ParseStatus::non_string_text: return "non_string_text";
  }
  return "unknown";
}

namespace {

// Whether a token follows the JSON number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') ++i;
  else if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

std::string_view without_trailing_space(std::string_view s) { return s.substr(0, s.find_last_not_of(" \t\n\r") + 1); }

// simdjson refuses a number that fits neither 64 bits nor a double (NUMBER_ERROR, or
// BIGINT_ERROR in newer versions), yet the line is valid JSON: a token that follows
// the number grammar is accepted whatever simdjson made of it, and kept as written.
simdjson::error_code check_number(simdjson::error_code parsed, std::string_view raw) {
  return parsed && !is_json_number(raw) ? parsed : simdjson::SUCCESS;
}

// Re-serialises a value while walking it, so that every part of it is validated
// (on-demand parsing alone skips what it is not asked for).
simdjson::error_code append_value(od::value value, std::string& out, int depth = 0) {
  if (depth > 256) return simdjson::DEPTH_ERROR;
  od::json_type type;
  if (auto e = value.type().get(type)) return e;
  switch (type) {
    case od::json_type::object: {
      od::object object;
      if (auto e = value.get_object().get(object)) return e;
      out += '{';
      bool first = true;
      for (auto field : object) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return e;
        if (!first) out += ',';
        first = false;
        append_json_string(out, key);
        out += ':';
        if (auto e = append_value(field.value(), out, depth + 1)) return e;
      }
      out += '}';
      return simdjson::SUCCESS;
    }
    case od::json_type::array: {
      od::array array;
      if (auto e = value.get_array().get(array)) return e;
      out += '[';
      bool first = true;
      for (auto element : array) {
        od::value v;
        if (auto e = element.get(v)) return e;
        if (!first) out += ',';
        first = false;
        if (auto e = append_value(v, out, depth + 1)) return e;
      }
      out += ']';
      return simdjson::SUCCESS;
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto e = value.get_string().get(s)) return e;
      append_json_string(out, s);
      return simdjson::SUCCESS;
    }
    case od::json_type::number: {
      const std::string_view raw = without_trailing_space(value.raw_json_token());
      od::number n;
      if (auto e = check_number(value.get_number().get(n), raw)) return e;
      out.append(raw);
      return simdjson::SUCCESS;
    }
    case od::json_type::boolean: {
      bool b;
      if (auto e = value.get_bool().get(b)) return e;
      out += b ? "true" : "false";
      return simdjson::SUCCESS;
    }
    case od::json_type::null: {
      // is_null() reports a malformed atom ("nul") as an error code; reading it as a
      // plain bool would throw.
      bool is_null = false;
      if (auto e = value.is_null().get(is_null)) return e;
      if (!is_null) return simdjson::N_ATOM_ERROR;
      out += "null";
      return simdjson::SUCCESS;
    }
    default:  // json_type::unknown (simdjson 4): a token that starts no JSON value
      return simdjson::TAPE_ERROR;
  }
}

// A root value that is not an object, walked whole; scalars have their own getters
// (simdjson does not hand out a scalar document as a value).
simdjson::error_code validate_non_object(od::document& json, od::json_type type) {
  switch (type) {
    case od::json_type::string: {
      std::string_view s;
      return json.get_string().get(s);
    }
    case od::json_type::number: {
      od::number n;
      const simdjson::error_code parsed = json.get_number().get(n);
      std::string_view raw;
      if (auto e = json.raw_json_token().get(raw)) return e;
      return check_number(parsed, without_trailing_space(raw));
    }
    case od::json_type::boolean: {
      bool b;
      return json.get_bool().get(b);
    }
    case od::json_type::null: {
      bool is_null = false;
      if (auto e = json.is_null().get(is_null)) return e;
      return is_null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
    default: {
      std::string scratch;
      od::value value;
      if (auto e = json.get_value().get(value)) return e;
      return append_value(value, scratch);
    }
  }
}

bool is_blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace

struct JsonlParser::Impl {
  std::string text_field, id_field;
  od::parser parser;
  std::string padded;  // copy for lines without readable padding
};

JsonlParser::JsonlParser(std::string text_field, std::string id_field)
    : impl_(std::make_unique<Impl>()) {
  impl_->text_field = std::move(text_field);
  impl_->id_field = std::move(id_field);
}

JsonlParser::~JsonlParser() = default;

ParseStatus JsonlParser::parse(std::string_view line, size_t readable, Document& doc, std::string& detail) {
  doc.text.clear();
  doc.id.clear();
  doc.meta_json.clear();
  detail.clear();
  if (is_blank(line)) return ParseStatus::empty_line;
  // A byte-order mark (a file saved by some Windows editors starts with one) is no
  // part of the JSON; simdjson steps over it, but the check for trailing content below
  // measures from the line's start. A mark with nothing after it is no JSON at all.
  if (constexpr std::string_view kBom = "\xEF\xBB\xBF"; line.substr(0, kBom.size()) == kBom) {
    line.remove_prefix(kBom.size());
    readable = readable > kBom.size() ? readable - kBom.size() : 0;  // 0: unknown, the line is copied
    if (is_blank(line)) {
      detail = "a byte-order mark and no JSON value";
      return ParseStatus::invalid_json;
    }
  }
  line = padded_for_simdjson(line, readable, impl_->padded);
  auto fail = [&](simdjson::error_code e) {
    detail = simdjson::error_message(e);
    return e == simdjson::UTF8_ERROR ? ParseStatus::invalid_utf8 : ParseStatus::invalid_json;
  };

  od::document json;
  if (auto e = impl_->parser.iterate(line.data(), line.size(), line.size() + simdjson::SIMDJSON_PADDING).get(json))
    return fail(e);
  // The root value must span the whole line: simdjson's on-demand walk would
  // otherwise stop after the first value and never see what follows it.
  std::string_view root;
  if (auto e = json.raw_json().get(root)) return fail(e);
  if (!is_blank(line.substr(static_cast<size_t>(root.data() + root.size() - line.data())))) {
    detail = "trailing content after the JSON value";
    return ParseStatus::invalid_json;
  }
  json.rewind();
  od::json_type type;
  if (auto e = json.type().get(type)) return fail(e);
  if (type != od::json_type::object) {
    // Only a valid value is "not an object"; anything else is invalid JSON.
    if (auto e = validate_non_object(json, type)) return fail(e);
    detail = "the line is a JSON value but not an object";
    return ParseStatus::not_object;
  }
  od::object object;
  if (auto e = json.get_object().get(object)) return fail(e);

  bool have_text = false, text_wrong_type = false, have_id = false;
  std::string& meta = doc.meta_json;
  meta += '{';
  bool first_meta = true;
  for (auto field : object) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return fail(e);
    od::value value;
    if (auto e = field.value().get(value)) return fail(e);
    if (key == impl_->text_field && !have_text && !text_wrong_type) {
      od::json_type t;
      if (auto e = value.type().get(t)) return fail(e);
      if (t == od::json_type::string) {
        std::string_view s;
        if (auto e = value.get_string().get(s)) return fail(e);
        doc.text.assign(s);
        have_text = true;
        continue;
      }
      text_wrong_type = true;  // still validated and kept below, for the reject record
    } else if (key == impl_->id_field && !have_id) {
      od::json_type t;
      if (auto e = value.type().get(t)) return fail(e);
      if (t == od::json_type::string) {
        std::string_view s;
        if (auto e = value.get_string().get(s)) return fail(e);
        doc.id.assign(s);
        have_id = true;
        continue;
      }
      if (t == od::json_type::number) {
        std::string number;
        if (auto e = append_value(value, number)) return fail(e);
        doc.id = number;
        have_id = true;
        continue;
      }
    }
    if (!first_meta) meta += ',';
    first_meta = false;
    append_json_string(meta, key);
    meta += ':';
    if (auto e = append_value(value, meta)) return fail(e);
  }
  meta += '}';
  if (text_wrong_type) {
    detail = "field '" + impl_->text_field + "' is not a string";
    return ParseStatus::non_string_text;
  }
  if (!have_text) {
    detail = "no field '" + impl_->text_field + "'";
    return ParseStatus::missing_text;
  }
  return ParseStatus::ok;
}

}  // namespace mucpt
