// evaluate: predictions graded into SimpleQA's scores, in total and per topic, the same
// for one and two ranks; with a model, the answers are its greedy continuations of the
// prompt, one per item in benchmark order.
#include "tests/torch_catch.h"  // first: see there

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "common/tokenizer/tokenizer.h"
#include "common/tokenizer/tokenizer_loader.h"
#include "evaluation/benchmark.h"
#include "evaluation/generation/answer_generator.h"
#include "evaluation/grading/answer_grader.h"
#include "tests/test_support.h"
#include "training/checkpoint/hf_checkpoint.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

testing::CommandResult evaluate(int ranks, const std::string& args) {
  return testing::run_command("mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " " +
                              testing::build_dir() + "/evaluate " + args);
}

std::vector<json> read_lines(const std::string& path) {
  std::vector<json> lines;
  std::ifstream in(path);
  for (std::string l; std::getline(in, l);) lines.push_back(json::parse(l));
  return lines;
}

}  // namespace

TEST_CASE("evaluate grades a predictions file: correct, incorrect, not attempted, missing") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string csv = data + "/qa/simple_qa_test_set.csv";
  auto items = load_benchmark(csv, "Music");
  REQUIRE(items.size() == 341);
  std::string dir = testing::scratch_dir("evaluate_predictions");
  // Item k: k % 4 == 0 the gold answer in a sentence (by id), 1 a hedge (by question),
  // 2 a wrong answer, 3 no prediction at all.
  uint64_t expect[4] = {0, 0, 0, 0};
  {
    std::ofstream p(dir + "/predictions.jsonl");
    for (size_t k = 0; k < items.size(); ++k) {
      ++expect[k % 4];
      if (k % 4 == 0) p << json{{"id", items[k].id}, {"predicted", "I believe it is " + items[k].answer + "."}}.dump() << "\n";
      if (k % 4 == 1) p << json{{"question", items[k].question}, {"predicted", "I don't know."}}.dump() << "\n";
      if (k % 4 == 2) p << json{{"id", items[k].id}, {"predicted", "Zyxwv Qwertyuiop"}}.dump() << "\n";
    }
  }
  for (int ranks : {1, 2}) {
    INFO(ranks << " ranks");
    const std::string out = dir + "/out" + std::to_string(ranks);
    auto r = evaluate(ranks, "--benchmark " + csv + " --topic Music --predictions " + dir + "/predictions.jsonl --output " + out);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    json report = json::parse(std::ifstream(out + "/report.json"));
    CHECK(report["items"] == 341);
    CHECK(report["correct"] == expect[0]);
    CHECK(report["incorrect"] == expect[2]);
    CHECK(report["not_attempted"] == expect[1] + expect[3]);
    CHECK(report["missing"] == expect[3]);
    CHECK(report["accuracy"].get<double>() == Approx(double(expect[0]) / 341));
    CHECK(report["correct_given_attempted"].get<double>() == Approx(double(expect[0]) / double(expect[0] + expect[2])));
    CHECK(report["topics"]["Music"]["items"] == 341);
    auto graded = read_lines(out + "/graded.jsonl");
    REQUIRE(graded.size() == 341);
    for (size_t k = 0; k < graded.size(); ++k) CHECK(graded[k]["id"] == items[k].id);
    CHECK_FALSE(fs::exists(out + "/graded.rank-0.jsonl"));
  }
  auto bad = evaluate(1, "--benchmark " + csv + " --output " + dir + "/bad");
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("--predictions"));
}

TEST_CASE("evaluate --model answers with the model's greedy continuation of the prompt") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::string dir = testing::scratch_dir("evaluate_model");
  // stories260K with a 512-token byte-level BPE trained here: the ids mean nothing to the
  // model, but the path from question to graded answer is the real one.
  const std::string model = dir + "/model";
  fs::create_directories(model);
  for (const char* f : {"config.json", "model.safetensors"})
    fs::copy_file(data + "/models/stories260K/" + f, model + "/" + f);
  {
    std::ofstream text(dir + "/questions.txt");
    for (const auto& item : load_benchmark(data + "/qa/simple_qa_test_set.csv")) text << item.question << "\n";
  }
  auto trained = testing::run_command(testing::build_dir() + "/train-tokenizer --plain --input " + dir +
                                      "/questions.txt --vocab-size 512 --output " + model + "/tokenizer.json");
  INFO(trained.output);
  REQUIRE(trained.exit_code == 0);

  const std::string csv = data + "/qa/simple_qa_test_set.csv";
  auto r = evaluate(2, "--benchmark " + csv + " --topic Music --limit 5 --max_new_tokens 8 --threads 1 --model " +
                           model + " --output " + dir + "/out");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  auto graded = read_lines(dir + "/out/graded.jsonl");
  REQUIRE(graded.size() == 5);
  auto items = load_benchmark(csv, "Music");
  AnswerGenerator generator(load_llama(model), std::make_shared<Tokenizer>(load_tokenizer(model + "/tokenizer.json")),
                            "Question: {question}\nAnswer:", 8);
  for (size_t k = 0; k < 5; ++k) {
    CHECK(graded[k]["id"] == items[k].id);
    CHECK(graded[k]["predicted"] == generator.answer(items[k].question));
  }
  // Each line's grade is the grader's verdict on its answer, and the report counts the lines.
  json report = json::parse(std::ifstream(dir + "/out/report.json"));
  CHECK(report["items"] == 5);
  std::map<std::string, uint64_t> grades;
  for (size_t k = 0; k < 5; ++k) {
    CHECK(graded[k]["grade"] == grade_name(grade_answer(graded[k]["predicted"].get<std::string>(), {items[k].answer})));
    ++grades[graded[k]["grade"].get<std::string>()];
  }
  CHECK(report["correct"] == grades["CORRECT"]);
  CHECK(report["incorrect"] == grades["INCORRECT"]);
  CHECK(report["not_attempted"] == grades["NOT_ATTEMPTED"]);
}
