#include "evaluation/grade_job.h"

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/declared_options.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "common/unicode.h"
#include "common/benchmark/benchmark.h"
#include "evaluation/evaluate_job.h"
#include "evaluation/grading/agreement.h"
#include "evaluation/grading/answer_grader.h"

namespace mucpt {

namespace {

// A row that cannot be graded; the message says why.
struct Refusal {
  std::string reason;
};

// What a row is graded against: its own gold and aliases, or its benchmark item's.
std::vector<std::string> accepted_answers(const nlohmann::ordered_json& row,
                                          const std::map<std::string, const BenchmarkItem*>& items,
                                          const std::string& benchmark, const std::string& id) {
  if (row.contains("gold")) {
    if (!row["gold"].is_string()) throw Refusal{"\"gold\" is not a string"};
    std::vector<std::string> accepted{row["gold"].get<std::string>()};
    if (row.contains("aliases") && !row["aliases"].is_null()) {
      if (!row["aliases"].is_array()) throw Refusal{"\"aliases\" is not a list"};
      for (const auto& alias : row["aliases"]) {
        if (!alias.is_string()) throw Refusal{"\"aliases\" holds a value that is not a string"};
        accepted.push_back(alias.get<std::string>());
      }
    }
    return accepted;
  }
  if (id.empty()) throw Refusal{"no \"gold\" and no \"id\" to look up"};
  if (benchmark.empty()) throw Refusal{"no \"gold\" (give --benchmark to look up id '" + id + "')"};
  const auto it = items.find(id);
  if (it == items.end()) throw Refusal{"id '" + id + "' is not in " + benchmark};
  std::vector<std::string> accepted{it->second->answer};
  accepted.insert(accepted.end(), it->second->aliases.begin(), it->second->aliases.end());
  return accepted;
}

std::string id_of(const nlohmann::ordered_json& row) {
  if (!row.contains("id") || row["id"].is_null()) return "";
  if (row["id"].is_string()) return row["id"].get<std::string>();
  if (row["id"].is_number_integer()) return row["id"].dump();
  throw Refusal{"\"id\" is neither a string nor an integer"};
}

}  // namespace

int run_grade(const Config& config, const MpiContext& mpi) {
  const EvaluateOptions options = read_options<EvaluateOptions>(config);
  const std::string input = options.predictions, output = options.output;
  const std::string benchmark = options.benchmark;
  if (input.empty() || output.empty()) throw UserError("grade needs --predictions FILE and --output FILE");
  if (mpi.rank() != 0) return 0;  // one file: one process

  std::vector<BenchmarkItem> items;
  std::map<std::string, const BenchmarkItem*> by_id;
  if (!benchmark.empty()) {
    try {
      items = load_benchmark(benchmark);
    } catch (const BenchmarkError& e) {
      throw UserError(e.what());
    }
    for (const auto& item : items) by_id[item.id] = &item;
  }

  LineReader reader(input);
  LineWriter writer(output);
  Agreement agreement;
  std::map<std::string, uint64_t> rules, first_line_of_id;
  uint64_t line_number = 0, rows = 0, graded = 0, refused = 0, judged = 0;
  std::string_view line;
  while (reader.next(line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;  // blank lines are no rows
    ++rows;
    try {
      if (!is_valid_utf8(line)) throw Refusal{"not valid UTF-8"};
      nlohmann::ordered_json row;
      try {
        row = nlohmann::ordered_json::parse(line);
      } catch (const nlohmann::json::parse_error& e) {
        throw Refusal{std::string("invalid JSON: ") + e.what()};
      } catch (const nlohmann::json::out_of_range&) {  // 1e999
        throw Refusal{"invalid JSON: a number past the range of a double"};
      }
      if (!row.is_object()) throw Refusal{"not a JSON object"};
      if (!row.contains("predicted")) throw Refusal{"no \"predicted\""};
      if (!row["predicted"].is_string()) throw Refusal{"\"predicted\" is not a string"};
      const std::string id = id_of(row);
      const std::vector<std::string> accepted = accepted_answers(row, by_id, benchmark, id);
      std::optional<Grade> judge;
      if (row.contains("grade") && !row["grade"].is_null()) {
        Grade g;
        if (!row["grade"].is_string() || !parse_grade(row["grade"].get<std::string>(), g))
          throw Refusal{"\"grade\" " + row["grade"].dump() + " is not CORRECT, INCORRECT or NOT_ATTEMPTED"};
        judge = g;
      }
      if (!id.empty()) {
        const auto [it, first] = first_line_of_id.emplace(id, line_number);
        if (!first) throw Refusal{"id '" + id + "' again (first on line " + std::to_string(it->second) + ")"};
      }
      const GradeDecision decision = grade_answer(row["predicted"].get<std::string>(), accepted);
      row["auto_grade"] = grade_name(decision.grade);
      row["rule"] = decision.rule;
      writer.write_line(row.dump());
      ++graded;
      ++rules[decision.rule];
      if (judge) {
        agreement.add(*judge, decision.grade);
        ++judged;
      }
    } catch (const Refusal& r) {
      ++refused;
      log_error(input, ":", line_number, ": ", r.reason);
    }
  }
  writer.commit();

  std::cout << input << ": " << rows << " rows read, " << graded << " graded, " << refused << " refused\n";
  std::cout << "rules:";
  for (const auto& [rule, n] : rules) std::cout << " " << rule << " " << n;
  std::cout << "\n";
  if (judged > 0) {
    std::cout << "agreement with the judge's grades on " << judged << " rows: " << agreement.overall()
              << ", Cohen's kappa " << agreement.kappa() << "\n"
              << agreement.confusion_table();
    nlohmann::json report = agreement.to_json();
    report["predictions"] = input;
    write_file_atomically(output + ".agreement.json", report.dump(1) + "\n");
  }
  std::cout.flush();
  if (refused > 0)
    throw UserError(input + ": " + std::to_string(refused) + " of " + std::to_string(rows) +
                    " rows refused (each named above); the " + std::to_string(graded) + " graded rows are in " +
                    output);
  return 0;
}

}  // namespace mucpt
