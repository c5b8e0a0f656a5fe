#include "common/benchmark/python_literal.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <string>

#include "common/unicode.h"

namespace mucpt {
namespace {

// One function per grammar rule; `pos_` only moves forward.
class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  nlohmann::json parse_all() {
    nlohmann::json value = parse_value();
    skip_space();
    if (pos_ != s_.size()) fail("end of text");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& expected) const {
    std::string found = pos_ < s_.size() ? "'" + std::string(1, s_[pos_]) + "'" : "end of text";
    throw PythonLiteralError("Python literal: expected " + expected + " at offset " +
                             std::to_string(pos_) + ", found " + found);
  }

  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }

  bool at(char c) {
    skip_space();
    return pos_ < s_.size() && s_[pos_] == c;
  }

  bool at_word(std::string_view word) {
    return s_.substr(pos_, word.size()) == word;
  }

  nlohmann::json parse_value() {
    skip_space();
    if (pos_ >= s_.size()) fail("a value");
    char c = s_[pos_];
    if (c == '{' || c == '[' || c == '(') {
      // Each level is a call: a bound keeps hostile nesting from overflowing the stack.
      if (depth_ == kMaxDepth) fail("a value nested at most " + std::to_string(kMaxDepth) + " deep");
      ++depth_;
      nlohmann::json value = c == '{' ? parse_dict() : parse_sequence(c == '[' ? ']' : ')');
      --depth_;
      return value;
    }
    if (c == '\'' || c == '"') return parse_strings();
    if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) return parse_number();
    if (at_word("True")) { pos_ += 4; return true; }
    if (at_word("False")) { pos_ += 5; return false; }
    if (at_word("None")) { pos_ += 4; return nullptr; }
    fail("a dict, list, tuple, string, number, True, False or None");
  }

  nlohmann::json parse_dict() {
    ++pos_;  // '{'
    nlohmann::json dict = nlohmann::json::object();
    while (!at('}')) {
      skip_space();
      if (pos_ >= s_.size() || (s_[pos_] != '\'' && s_[pos_] != '"')) fail("a string key or '}'");
      std::string key = parse_strings();
      if (!at(':')) fail("':'");
      ++pos_;
      dict[key] = parse_value();
      if (at(',')) ++pos_;  // a trailing comma is legal Python
      else if (!at('}')) fail("',' or '}'");
    }
    ++pos_;
    return dict;
  }

  nlohmann::json parse_sequence(char close) {
    ++pos_;  // '[' or '('
    nlohmann::json list = nlohmann::json::array();
    while (!at(close)) {
      list.push_back(parse_value());
      if (at(',')) ++pos_;
      else if (!at(close)) fail(std::string("',' or '") + close + "'");
    }
    ++pos_;
    return list;
  }

  // Python joins adjacent literals: 'a' "b" is "ab".
  std::string parse_strings() {
    std::string out;
    do parse_string(out);
    while (at('\'') || at('"'));
    return out;
  }

  void parse_string(std::string& out) {
    char quote = s_[pos_++];
    while (true) {
      if (pos_ >= s_.size()) fail(std::string("closing ") + quote);
      char c = s_[pos_++];
      if (c == quote) return;
      if (c == '\n') fail(std::string("closing ") + quote + " before the end of the line");
      if (c == '\\') parse_escape(out);
      else out += c;
    }
  }

  void parse_escape(std::string& out) {
    if (pos_ >= s_.size()) fail("an escaped character");
    char c = s_[pos_++];
    switch (c) {
      case '\n': return;  // backslash-newline continues the string
      case '\\': out += '\\'; return;
      case '\'': out += '\''; return;
      case '"': out += '"'; return;
      case 'n': out += '\n'; return;
      case 't': out += '\t'; return;
      case 'r': out += '\r'; return;
      case 'a': out += '\a'; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'v': out += '\v'; return;
      case 'x': append_code_point(out, hex_digits(2)); return;
      case 'u': append_code_point(out, hex_digits(4)); return;
      case 'U': append_code_point(out, hex_digits(8)); return;
      default: break;
    }
    if (c >= '0' && c <= '7') {  // up to three octal digits
      char32_t cp = static_cast<char32_t>(c - '0');
      for (int i = 0; i < 2 && pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '7'; ++i)
        cp = cp * 8 + static_cast<char32_t>(s_[pos_++] - '0');
      append_code_point(out, cp);
      return;
    }
    // Python keeps an unknown escape as written, backslash included.
    out += '\\';
    out += c;
  }

  char32_t hex_digits(int n) {
    char32_t cp = 0;
    for (int i = 0; i < n; ++i) {
      if (pos_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[pos_])))
        fail(std::to_string(n) + " hex digits");
      char h = s_[pos_++];
      cp = cp * 16 + static_cast<char32_t>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    return cp;
  }

  // Joins a UTF-16 surrogate pair written as two \u escapes; a lone surrogate or a
  // value past U+10FFFF cannot be UTF-8 and becomes U+FFFD.
  void append_code_point(std::string& out, char32_t cp) {
    if (cp >= 0xD800 && cp <= 0xDBFF && s_.substr(pos_, 2) == "\\u") {
      size_t save = pos_;
      pos_ += 2;
      char32_t low = hex_digits(4);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00));
        return;
      }
      pos_ = save;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
    append_utf8(out, cp);
  }

  nlohmann::json parse_number() {
    size_t start = pos_;
    if (s_[pos_] == '-' || s_[pos_] == '+') ++pos_;
    bool is_float = false;
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c >= '0' && c <= '9') ++pos_;
      else if (c == '.' || c == 'e' || c == 'E') { is_float = true; ++pos_; }
      else if ((c == '-' || c == '+') && (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E')) ++pos_;
      else if (c == '_') ++pos_;  // digit separators: 1_000
      else break;
    }
    std::string digits;
    for (char c : s_.substr(start, pos_ - start))
      if (c != '_') digits += c;
    char* end = nullptr;
    if (!is_float) {
      errno = 0;
      long long v = std::strtoll(digits.c_str(), &end, 10);
      if (errno == 0 && end == digits.c_str() + digits.size() && !digits.empty()) return v;
    }
    double d = std::strtod(digits.c_str(), &end);  // also big ints, as Python's float() would
    if (digits.empty() || end != digits.c_str() + digits.size()) {
      pos_ = start;
      fail("a number");
    }
    return d;
  }

  static constexpr int kMaxDepth = 256;
  std::string_view s_;
  size_t pos_ = 0;
  int depth_ = 0;  // open dicts, lists and tuples
};

}  // namespace

nlohmann::json parse_python_literal(std::string_view text) { return Reader(text).parse_all(); }

}  // namespace mucpt
