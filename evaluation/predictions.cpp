#include "evaluation/predictions.h"

#include <nlohmann/json.hpp>
#include <unordered_set>

#include "common/line_reader.h"
#include "common/unicode.h"

namespace mucpt {

namespace {

std::string trim(const std::string& s) {
  const char* space = " \t\r\n\f\v";
  const size_t begin = s.find_first_not_of(space);
  return begin == std::string::npos ? "" : s.substr(begin, s.find_last_not_of(space) - begin + 1);
}

}  // namespace

Predictions::Predictions(const std::string& path, const std::vector<BenchmarkItem>& benchmark) {
  std::unordered_set<std::string> ids;
  std::unordered_map<std::string, std::vector<std::string>> by_question;  // question -> item ids
  for (const auto& item : benchmark) {
    ids.insert(item.id);
    by_question[item.question].push_back(item.id);
  }
  std::unordered_map<std::string, uint64_t> line_of;  // item id -> the line that answered it
  LineReader reader(path);
  std::string_view line;
  uint64_t number = 0;
  while (reader.next(line)) {
    ++number;
    const std::string where = path + ":" + std::to_string(number);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (!is_valid_utf8(line)) throw BenchmarkError(where + ": not valid UTF-8");
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) throw BenchmarkError(where + ": not a JSON object");
    if (!j.contains("predicted") || !j["predicted"].is_string()) throw BenchmarkError(where + ": needs a string \"predicted\"");
    const bool has_id = j.contains("id") && (j["id"].is_string() || j["id"].is_number_integer());
    const bool has_question = j.contains("question") && j["question"].is_string();
    if (!has_id && !has_question) throw BenchmarkError(where + ": needs an \"id\" or a \"question\"");
    const std::string id = !has_id ? "" : j["id"].is_string() ? j["id"].get<std::string>() : std::to_string(j["id"].get<int64_t>());
    const std::string question = has_question ? trim(j["question"].get<std::string>()) : "";

    // The item this line answers: by id when the benchmark has it, else by question.
    std::string item;
    if (has_id && ids.count(id)) {
      item = id;
    } else if (auto it = by_question.find(question); has_question && it != by_question.end()) {
      if (it->second.size() > 1)
        throw BenchmarkError(where + ": the question is asked by " + std::to_string(it->second.size()) +
                             " benchmark items; give the item's \"id\"");
      item = it->second.front();
    } else {
      throw BenchmarkError(where + ": " +
                           (has_id ? "id '" + id + "'" + (has_question ? " and its question are" : " is")
                                   : "question '" + question + "' is") +
                           " not in the benchmark");
    }
    if (auto [at, added] = line_of.emplace(item, number); !added)
      throw BenchmarkError(where + ": a second prediction for item '" + item + "' (the first is on line " +
                           std::to_string(at->second) + ")");
    answers_.emplace(item, j["predicted"].get<std::string>());
  }
}

const std::string* Predictions::find(const std::string& item_id) const {
  auto it = answers_.find(item_id);
  return it == answers_.end() ? nullptr : &it->second;
}

}  // namespace mucpt
