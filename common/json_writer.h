#pragma once
// Builds one JSON value into a string with correct escaping. Strings that are not
// valid UTF-8 are repaired (each bad byte becomes U+FFFD), so the output is always
// valid JSON and valid UTF-8.
#include <cstdint>
#include <string>
#include <string_view>

namespace mucpt {

// Appends s as a quoted JSON string.
void append_json_string(std::string& out, std::string_view s);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(double d);
  JsonWriter& value(int64_t i);
  JsonWriter& value(uint64_t u);
  JsonWriter& value(int i) { return value(static_cast<int64_t>(i)); }
  JsonWriter& value(bool b);
  JsonWriter& null();
  // Inserts text that is already valid JSON (for example a preserved meta object).
  JsonWriter& raw(std::string_view json);

  template <class T>
  JsonWriter& field(std::string_view k, const T& v) { key(k); return value(v); }

 private:
  void separate();
  std::string& out_;
  bool need_comma_ = false;
};

}  // namespace mucpt
