#include "evaluation/predictions.h"

#include <nlohmann/json.hpp>

#include "common/line_reader.h"

namespace mucpt {

Predictions::Predictions(const std::string& path) {
  LineReader reader(path);
  std::string_view line;
  uint64_t number = 0;
  while (reader.next(line)) {
    ++number;
    const std::string where = path + ":" + std::to_string(number);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) throw BenchmarkError(where + ": not a JSON object");
    if (!j.contains("predicted") || !j["predicted"].is_string()) throw BenchmarkError(where + ": needs a string \"predicted\"");
    const std::string answer = j["predicted"];
    bool keyed = false;
    if (j.contains("id") && (j["id"].is_string() || j["id"].is_number_integer())) {
      by_id_[j["id"].is_string() ? j["id"].get<std::string>() : std::to_string(j["id"].get<int64_t>())] = answer;
      keyed = true;
    }
    if (j.contains("question") && j["question"].is_string()) {
      by_question_[j["question"].get<std::string>()] = answer;
      keyed = true;
    }
    if (!keyed) throw BenchmarkError(where + ": needs an \"id\" or a \"question\"");
    ++count_;
  }
}

const std::string* Predictions::find(const BenchmarkItem& item) const {
  if (auto it = by_id_.find(item.id); it != by_id_.end()) return &it->second;
  if (auto it = by_question_.find(item.question); it != by_question_.end()) return &it->second;
  return nullptr;
}

}  // namespace mucpt
