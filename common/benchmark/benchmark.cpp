#include "common/benchmark/benchmark.h"

#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "common/line_reader.h"
#include "common/unicode.h"
#include "common/benchmark/csv_reader.h"
#include "common/benchmark/python_literal.h"

namespace mucpt {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& path, uint64_t line, const std::string& what) {
  throw BenchmarkError(path + ":" + std::to_string(line) + ": " + what);
}

std::string trim(std::string_view s) {
  const char* space = " \t\r\n\f\v";
  size_t begin = s.find_first_not_of(space);
  if (begin == std::string_view::npos) return "";
  return std::string(s.substr(begin, s.find_last_not_of(space) - begin + 1));
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool keep(const BenchmarkItem& item, const std::string& topic_filter) {
  return topic_filter.empty() || equals_ignoring_case(item.topic, topic_filter);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "dir/music_qa.jsonl.zst" -> "music_qa".
std::string file_stem(const std::string& path) {
  std::string_view name = path;
  if (size_t slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  for (std::string_view ext : {".gz", ".zst", ".jsonl"})
    if (ends_with(name, ext)) name.remove_suffix(ext.size());
  return std::string(name);
}

// ---- JSONL ----

std::string type_name(const json& v) { return v.is_null() ? "null" : v.type_name(); }

// A required non-empty string.
std::string required_text(const json& obj, const char* key, const std::string& path, uint64_t line) {
  auto it = obj.find(key);
  if (it == obj.end()) fail(path, line, std::string("missing key '") + key + "'");
  if (!it->is_string()) fail(path, line, std::string("key '") + key + "' must be a string, found " + type_name(*it));
  std::string text = trim(it->get_ref<const std::string&>());
  if (text.empty()) fail(path, line, std::string("key '") + key + "' is empty");
  return text;
}

// An optional string: absent or null gives "".
std::string optional_text(const json& obj, const char* key, const std::string& path, uint64_t line) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return "";
  if (!it->is_string()) fail(path, line, std::string("key '") + key + "' must be a string, found " + type_name(*it));
  return it->get<std::string>();
}

BenchmarkItem item_from_json(const json& obj, const std::string& path, uint64_t line) {
  BenchmarkItem item;
  auto id = obj.find("id");
  if (id == obj.end() || id->is_null()) item.id = file_stem(path) + "-" + std::to_string(line);
  else if (id->is_string() && !id->get_ref<const std::string&>().empty()) item.id = id->get<std::string>();
  else if (id->is_number_integer()) item.id = id->dump();
  // A list or object is named by its type: printing a deeply nested one recurses as deep.
  else fail(path, line, "key 'id' must be a non-empty string or an integer, found " +
                            (id->is_structured() ? type_name(*id) : id->dump()));

  item.question = required_text(obj, "question", path, line);
  item.answer = required_text(obj, "answer", path, line);
  item.topic = optional_text(obj, "topic", path, line);
  item.answer_type = optional_text(obj, "answer_type", path, line);

  auto aliases = obj.find("aliases");
  if (aliases != obj.end() && !aliases->is_null()) {
    if (!aliases->is_array()) fail(path, line, "key 'aliases' must be a list of strings, found " + type_name(*aliases));
    for (const json& alias : *aliases) {
      if (!alias.is_string()) fail(path, line, "key 'aliases' must hold only strings, found " + type_name(alias));
      std::string text = trim(alias.get_ref<const std::string&>());
      if (!text.empty()) item.aliases.push_back(std::move(text));
    }
  }
  return item;
}

// ---- SimpleQA CSV ----

// Where each needed column is; the two published headers name them differently.
struct CsvColumns {
  size_t metadata, question, answer;
};

CsvColumns find_columns(const std::vector<std::string>& header, const std::string& path) {
  auto find = [&](std::initializer_list<const char*> names) -> size_t {
    for (size_t i = 0; i < header.size(); ++i)
      for (const char* name : names)
        if (trim(header[i]) == name) return i;
    std::string wanted;
    for (const char* name : names) wanted += (wanted.empty() ? "'" : "' or '") + std::string(name);
    fail(path, 1, "header has no column " + wanted + "' (expected metadata,question,true_answer or metadata,problem,answer)");
  };
  return {find({"metadata"}), find({"question", "problem"}), find({"true_answer", "answer"})};
}

// Fills topic and answer_type from the row's metadata dict.
void read_metadata(const std::string& text, BenchmarkItem& item, const std::string& path, uint64_t line) {
  json meta;
  try {
    meta = parse_python_literal(text);
  } catch (const PythonLiteralError& e) {
    fail(path, line, std::string("column 'metadata': ") + e.what());
  }
  if (!meta.is_object()) fail(path, line, "column 'metadata' must be a dict, found " + type_name(meta));
  for (auto [key, field] : {std::pair{"topic", &item.topic}, std::pair{"answer_type", &item.answer_type}}) {
    auto it = meta.find(key);
    if (it == meta.end() || it->is_null()) continue;
    if (!it->is_string()) fail(path, line, std::string("column 'metadata': key '") + key + "' must be a string");
    *field = it->get<std::string>();
  }
}

}  // namespace

std::vector<BenchmarkItem> load_benchmark_jsonl(const std::string& path, const std::string& topic_filter) {
  std::vector<BenchmarkItem> items;
  std::unordered_map<std::string, uint64_t> first_line_of_id;  // ids must be unique
  LineReader reader(path);
  std::string_view line;
  uint64_t line_number = 0;
  while (reader.next(line)) {
    ++line_number;
    if (trim(line).empty()) continue;
    json obj;
    try {
      obj = json::parse(line);
    } catch (const json::exception& e) {  // parse_error, or out_of_range for a number too large
      fail(path, line_number, std::string("not valid JSON: ") + e.what());
    }
    if (!obj.is_object()) fail(path, line_number, "expected a JSON object, found " + type_name(obj));
    BenchmarkItem item = item_from_json(obj, path, line_number);
    auto [it, inserted] = first_line_of_id.emplace(item.id, line_number);
    if (!inserted)
      fail(path, line_number, "key 'id': duplicate id '" + item.id + "' (first on line " + std::to_string(it->second) + ")");
    if (keep(item, topic_filter)) items.push_back(std::move(item));
  }
  return items;
}

std::vector<BenchmarkItem> load_simpleqa_csv(const std::string& path, const std::string& topic_filter) {
  CsvReader reader(path);
  std::vector<std::string> fields;
  try {
    if (!reader.next(fields)) fail(path, 1, "empty file: no header");
    const std::vector<std::string> header = fields;
    const CsvColumns col = find_columns(header, path);
    auto column = [&](size_t i) { return "column '" + trim(header[i]) + "'"; };

    std::vector<BenchmarkItem> items;
    uint64_t row = 0;
    while (reader.next(fields)) {
      ++row;
      const uint64_t line = reader.line_number();
      if (fields.size() < header.size())
        fail(path, line, column(fields.size()) + " is missing (the row has " + std::to_string(fields.size()) +
                             " columns, the header " + std::to_string(header.size()) + ")");
      if (fields.size() > header.size())
        fail(path, line, "the row has " + std::to_string(fields.size()) + " columns, the header " +
                             std::to_string(header.size()) + " (a comma outside quotes?)");
      for (size_t i : {col.metadata, col.question, col.answer})
        if (!is_valid_utf8(fields[i])) fail(path, line, column(i) + " is not valid UTF-8");

      BenchmarkItem item;
      item.id = "simpleqa-" + std::to_string(row);
      item.question = trim(fields[col.question]);
      item.answer = trim(fields[col.answer]);
      if (item.question.empty()) fail(path, line, column(col.question) + " is empty");
      if (item.answer.empty()) fail(path, line, column(col.answer) + " is empty");
      read_metadata(fields[col.metadata], item, path, line);
      if (keep(item, topic_filter)) items.push_back(std::move(item));
    }
    return items;
  } catch (const CsvError& e) {
    throw BenchmarkError(e.what());  // already "<path>:<line>: ..."
  }
}

std::vector<BenchmarkItem> load_benchmark(const std::string& path, const std::string& topic_filter) {
  std::string_view name = path;
  for (std::string_view ext : {".gz", ".zst"})
    if (ends_with(name, ext)) name.remove_suffix(ext.size());
  if (ends_with(name, ".csv")) return load_simpleqa_csv(path, topic_filter);
  if (ends_with(name, ".jsonl")) return load_benchmark_jsonl(path, topic_filter);
  throw BenchmarkError(path + ": unknown benchmark format (expected .csv or .jsonl, optionally .gz or .zst)");
}

}  // namespace mucpt
