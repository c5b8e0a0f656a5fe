#include "tests/catch.h"

#include "common/benchmark/python_literal.h"

using mucpt::parse_python_literal;
using mucpt::PythonLiteralError;

TEST_CASE("python literal: a SimpleQA metadata dict") {
  auto v = parse_python_literal(
      "{'topic': 'Music', 'answer_type': 'Person', 'urls': ['https://a.org/x', 'https://b.org/y']}");
  REQUIRE(v.is_object());
  CHECK(v["topic"] == "Music");
  CHECK(v["answer_type"] == "Person");
  CHECK(v["urls"] == nlohmann::json::array({"https://a.org/x", "https://b.org/y"}));
}

TEST_CASE("python literal: double-quoted strings hold apostrophes, single-quoted ones escape them") {
  // repr() switches to double quotes when the text has an apostrophe and no quote.
  auto v = parse_python_literal(R"({'urls': ["https://x.org/Tate's%20name", 'it\'s', "say \"hi\""]})");
  CHECK(v["urls"][0] == "https://x.org/Tate's%20name");
  CHECK(v["urls"][1] == "it's");
  CHECK(v["urls"][2] == "say \"hi\"");
}

TEST_CASE("python literal: escapes follow Python's rules") {
  CHECK(parse_python_literal(R"('a\nb\tc\\d')") == "a\nb\tc\\d");
  CHECK(parse_python_literal(R"('caf\xe9')") == "caf\xC3\xA9");                 // é
  CHECK(parse_python_literal(R"('\u200b|\u00e9')") == "\xE2\x80\x8B|\xC3\xA9");   // zero-width space, é
  CHECK(parse_python_literal(R"('\U0001F3B5')") == "\xF0\x9F\x8E\xB5");           // 🎵
  CHECK(parse_python_literal(R"('\ud83c\udfb5')") == "\xF0\x9F\x8E\xB5");         // a surrogate pair joins
  CHECK(parse_python_literal(R"('\101\0')") == std::string("A\0", 2));           // octal
  CHECK(parse_python_literal(R"('C:\dir')") == "C:\\dir");                         // unknown escape kept
  CHECK(parse_python_literal("'ab' \"cd\"") == "abcd");                            // adjacent literals join
  CHECK(parse_python_literal("'音乐'") == "音乐");                                  // UTF-8 passes through
}

TEST_CASE("python literal: nested lists, tuples, numbers and constants") {
  auto v = parse_python_literal("{'a': [[1, -2, [3.5, 'x']], ()], 'b': (True, False, None,), 'c': 1e3, 'd': {},}");
  CHECK(v["a"][0][0] == 1);
  CHECK(v["a"][0][1] == -2);
  CHECK(v["a"][0][2][0] == 3.5);
  CHECK(v["a"][0][2][1] == "x");
  CHECK(v["a"][1] == nlohmann::json::array());
  CHECK(v["b"] == nlohmann::json::array({true, false, nullptr}));
  CHECK(v["c"] == 1000.0);
  CHECK(v["d"] == nlohmann::json::object());
}

TEST_CASE("python literal: malformed text is rejected with the offset") {
  CHECK_THROWS_AS(parse_python_literal("{'topic': 'Music'"), PythonLiteralError);
  CHECK_THROWS_AS(parse_python_literal("{'topic' 'Music'}"), PythonLiteralError);  // joins to one key, then no ':'
  CHECK_THROWS_AS(parse_python_literal("['a' 1]"), PythonLiteralError);
  CHECK_THROWS_AS(parse_python_literal("{'a': 1} extra"), PythonLiteralError);
  CHECK_THROWS_AS(parse_python_literal("{1: 'a'}"), PythonLiteralError);
  CHECK_THROWS_AS(parse_python_literal("'\\x4'"), PythonLiteralError);
  CHECK_THROWS_AS(parse_python_literal(""), PythonLiteralError);
  CHECK_THROWS_WITH(parse_python_literal("{'topic': 'Music"), Catch::Contains("offset 16"));
  CHECK_THROWS_WITH(parse_python_literal("{'a': nope}"), Catch::Contains("offset 6"));
}

TEST_CASE("python literal: nesting is bounded, so deep brackets are an error and not a stack overflow") {
  const std::string ok = std::string(256, '[') + std::string(256, ']');
  CHECK(parse_python_literal(ok).is_array());
  const size_t deep = 1000000;
  CHECK_THROWS_WITH(parse_python_literal(std::string(deep, '(') + std::string(deep, ')')), Catch::Contains("nested"));
}
