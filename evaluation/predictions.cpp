#include "evaluation/predictions.h"

#include <unordered_set>

#include "common/line_reader.h"
#include "common/unicode.h"

namespace mucpt {

namespace {

constexpr size_t kRefusedListed = 1000;

std::string trim(const std::string& s) {
  const char* space = " \t\r\n\f\v";
  const size_t begin = s.find_first_not_of(space);
  return begin == std::string::npos ? "" : s.substr(begin, s.find_last_not_of(space) - begin + 1);
}

}  // namespace

Predictions::Predictions(const std::string& path, const std::vector<BenchmarkItem>& benchmark) : path_(path) {
  std::unordered_set<std::string> ids;
  std::unordered_map<std::string, std::vector<std::string>> by_question;  // question -> item ids
  for (const auto& item : benchmark) {
    ids.insert(item.id);
    by_question[item.question].push_back(item.id);
  }
  std::unordered_map<std::string, uint64_t> line_of;  // item id -> the line that answered it
  LineReader reader(path);
  std::string_view line;
  while (reader.next(line)) {
    const uint64_t number = ++lines_;
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      ++blank_;
      continue;
    }
    if (!is_valid_utf8(line)) {
      refuse(number, "not_utf8", where + "not valid UTF-8");
      continue;
    }
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      refuse(number, "not_json", where + "not valid JSON (at byte " + std::to_string(e.byte) + ")");
      continue;
    } catch (const nlohmann::json::out_of_range&) {  // 1e999
      refuse(number, "not_json", where + "not valid JSON (a number past the range of a double)");
      continue;
    }
    if (!j.is_object()) {
      refuse(number, "not_an_object", where + "not a JSON object");
      continue;
    }
    const auto predicted = j.find("predicted");
    if (predicted == j.end() || !(predicted->is_string() || predicted->is_null())) {
      refuse(number, "no_predicted", where + "needs \"predicted\": a string (or null for no answer)");
      continue;
    }
    const bool has_id = j.contains("id") && (j["id"].is_string() || j["id"].is_number_integer());
    const bool has_question = j.contains("question") && j["question"].is_string();
    if (!has_id && !has_question) {
      refuse(number, "no_id_or_question", where + "needs an \"id\" or a \"question\"");
      continue;
    }
    const std::string id = !has_id ? "" : j["id"].is_string() ? j["id"].get<std::string>() : std::to_string(j["id"].get<int64_t>());
    const std::string question = has_question ? trim(j["question"].get<std::string>()) : "";

    // The item this line answers: by id when the benchmark has it, else by question.
    std::string item;
    if (has_id && ids.count(id)) {
      item = id;
    } else if (auto it = by_question.find(question); has_question && it != by_question.end()) {
      if (it->second.size() > 1) {
        refuse(number, "ambiguous_question", where + "the question is asked by " + std::to_string(it->second.size()) +
                                                 " benchmark items; give the item's \"id\"");
        continue;
      }
      item = it->second.front();
    } else {
      refuse(number, "not_in_benchmark",
             where + (has_id ? "id '" + id + "'" + (has_question ? " and its question are" : " is")
                             : "question '" + question + "' is") +
                 " not in the benchmark");
      continue;
    }
    if (auto [at, added] = line_of.emplace(item, number); !added) {
      refuse(number, "second_prediction", where + "a second prediction for item '" + item + "' (the first is on line " +
                                              std::to_string(at->second) + ")");
      continue;
    }
    std::string answer = predicted->is_null() ? "" : predicted->get<std::string>();
    if (trim(answer).empty()) ++empty_answers_;
    answers_.emplace(item, std::move(answer));
  }
}

void Predictions::refuse(uint64_t line, const std::string& reason, const std::string& message) {
  ++refused_;
  ++refused_by_reason_[reason];
  if (first_refused_.size() < kRefusedListed) first_refused_.push_back({line, reason, message});
}

const std::string* Predictions::find(const std::string& item_id) const {
  auto it = answers_.find(item_id);
  return it == answers_.end() ? nullptr : &it->second;
}

nlohmann::json Predictions::accounting() const {
  nlohmann::json listed = nlohmann::json::array();
  for (const auto& r : first_refused_) listed.push_back({{"line", r.line}, {"reason", r.reason}, {"message", r.message}});
  return {{"file", path_},
          {"lines", lines_},
          {"blank", blank_},
          {"used", answers_.size()},
          {"empty_answers", empty_answers_},
          {"refused", refused_},
          {"refused_by_reason", refused_by_reason_},
          {"refused_lines", listed}};
}

}  // namespace mucpt
