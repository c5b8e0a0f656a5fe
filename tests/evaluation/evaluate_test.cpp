// evaluate: predictions graded into SimpleQA's scores, in total and per topic, the same
// for one and two ranks, every prediction line accounted for; with a model, the answers
// are its greedy continuations of the prompt, one per item in benchmark order, in the
// tokenizer's ids even when the model's embedding is padded past them.
#include "tests/torch_catch.h"  // first: see there

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "common/tokenizer/tokenizer.h"
#include "common/tokenizer/tokenizer_loader.h"
#include "common/benchmark/benchmark.h"
#include "evaluation/generation/answer_generator.h"
#include "evaluation/generation/answer_likelihood.h"
#include "evaluation/generation/chat_template.h"
#include "evaluation/generation/decodable_ids.h"
#include "evaluation/generation/prompt_builder.h"
#include "evaluation/grading/answer_grader.h"
#include "tests/evaluation/evaluate_command.h"
#include "tests/test_support.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/model/greedy.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

using testing::evaluate;
using testing::read_lines;
using testing::write_lines;

namespace {

// stories260K (512 ids) with a byte-level BPE of the given size trained on the
// benchmark's questions: the ids mean nothing to the model, but the path is the real one.
std::string model_with_tokenizer(const std::string& shared, const std::string& dir, int vocab) {
  const std::string model = dir + "/model";
  fs::create_directories(model);
  for (const char* f : {"config.json", "model.safetensors"})
    fs::copy_file(shared + "/models/stories260K/" + f, model + "/" + f);
  {
    std::ofstream text(dir + "/questions.txt");
    for (const auto& item : load_benchmark(shared + "/qa/simple_qa_test_set.csv")) text << item.question << "\n";
  }
  auto trained = testing::run_command(testing::build_dir() + "/train-tokenizer --plain --input " + dir +
                                      "/questions.txt --vocab-size " + std::to_string(vocab) + " --output " + model +
                                      "/tokenizer.json");
  INFO(trained.output);
  REQUIRE(trained.exit_code == 0);
  return model;
}

// The gold answer's loss given its prompt, from the pair's own forward pass over the whole
// model's logits, the prompt's start cut to the context as evaluate cuts it.
AnswerLoss answer_loss_alone(LlamaForCausalLM& llama, Tokenizer& tokenizer, const std::string& prompt,
                             const std::string& answer) {
  std::vector<int64_t> ids, answer_ids;
  for (int32_t id : tokenizer.encode(prompt)) ids.push_back(id);
  const bool spaced = !prompt.empty() && std::isspace(static_cast<unsigned char>(prompt.back()));
  for (int32_t id : tokenizer.encode(spaced ? answer : " " + answer)) answer_ids.push_back(id);
  const int64_t room = llama->config.max_position_embeddings - static_cast<int64_t>(answer_ids.size());
  if (static_cast<int64_t>(ids.size()) > room) ids.erase(ids.begin(), ids.end() - room);
  const int64_t first = static_cast<int64_t>(ids.size());
  ids.insert(ids.end(), answer_ids.begin(), answer_ids.end());
  torch::NoGradGuard no_grad;
  const auto input = torch::tensor(ids).unsqueeze(0);
  const auto logits = llama->forward(input).squeeze(0);
  const double mean =
      torch::nn::functional::cross_entropy(logits.slice(0, first - 1, -1), input.squeeze(0).slice(0, first))
          .item<double>();
  AnswerLoss loss;
  loss.tokens = static_cast<int64_t>(answer_ids.size());
  loss.nats = mean * static_cast<double>(loss.tokens);
  return loss;
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
  const std::string model = model_with_tokenizer(data, dir, 512);

  const std::string csv = data + "/qa/simple_qa_test_set.csv";
  auto r = evaluate(2, "--benchmark " + csv + " --topic Music --limit 5 --max_new_tokens 8 --threads 1 --model " +
                           model + " --output " + dir + "/out");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  auto graded = read_lines(dir + "/out/graded.jsonl");
  REQUIRE(graded.size() == 5);
  auto items = load_benchmark(csv, "Music");
  AnswerGenerator generator(load_llama(model), std::make_shared<Tokenizer>(load_tokenizer(model + "/tokenizer.json")),
                            AnswerSettings{8});
  const PromptBuilder prompts("Question: {question}\nAnswer:");
  for (size_t k = 0; k < 5; ++k) {
    CHECK(graded[k]["id"] == items[k].id);
    CHECK(graded[k]["predicted"] == generator.answer(prompts.question_prompt(items[k].question)));
  }
  // Each line's grade is the grader's verdict on its answer, and the report counts the lines.
  json report = json::parse(std::ifstream(dir + "/out/report.json"));
  CHECK(report["items"] == 5);
  std::map<std::string, uint64_t> grades;
  for (size_t k = 0; k < 5; ++k) {
    CHECK(graded[k]["grade"] == grade_name(grade_answer(graded[k]["predicted"].get<std::string>(), {items[k].answer}).grade));
    ++grades[graded[k]["grade"].get<std::string>()];
  }
  CHECK(report["correct"] == grades["CORRECT"]);
  CHECK(report["incorrect"] == grades["INCORRECT"]);
  CHECK(report["not_attempted"] == grades["NOT_ATTEMPTED"]);
}

TEST_CASE("evaluate --model: an answer ends at any end-of-sequence id the model lists, generation_config.json's too") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string dir = testing::scratch_dir("evaluate_eos_ids");
  const std::string model = model_with_tokenizer(data, dir, 512);
  auto tokenizer = std::make_shared<Tokenizer>(load_tokenizer(model + "/tokenizer.json"));
  const std::string prompt = PromptBuilder("Question: {question}\nAnswer:").question_prompt("Who wrote the song?");
  std::vector<int64_t> ids;
  for (int32_t id : tokenizer->encode(prompt)) ids.push_back(id);
  auto llama = load_llama(model);
  llama->eval();
  const auto free_run = greedy_generate(llama, ids, 8, {}, true, undecodable_bias(*tokenizer, 512));
  REQUIRE(free_run.size() == 8);
  const AnswerSettings no_stop_strings{8, {}};
  const std::string whole = AnswerGenerator(load_llama(model), tokenizer, no_stop_strings).answer(prompt);

  // An end of turn the config.json does not name (its eos is 2), as instruction models list theirs.
  const int64_t end_of_turn = free_run[3];
  std::ofstream(model + "/generation_config.json") << json{{"eos_token_id", json::array({2, end_of_turn})}}.dump();
  const std::vector<int64_t> ends{2, end_of_turn};
  const auto end = std::find_first_of(free_run.begin(), free_run.end(), ends.begin(), ends.end());
  const std::string expected = tokenizer->decode(std::vector<int32_t>(free_run.begin(), end), true);
  const std::string answer = AnswerGenerator(load_llama(model), tokenizer, no_stop_strings).answer(prompt);
  CHECK(answer == expected);
  CHECK(answer != whole);
}

TEST_CASE("evaluate --model: batched answers are those of one at a time, with stop strings, few-shot and chat prompts") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string dir = testing::scratch_dir("evaluate_generation_options");
  const std::string model = model_with_tokenizer(data, dir, 512);
  const std::string csv = data + "/qa/simple_qa_test_set.csv";
  const auto music = load_benchmark(csv, "Music");
  const std::string common = "--benchmark " + csv + " --topic Music --limit 12 --max_new_tokens 12 --threads 1 --model " + model;
  auto predicted = [&](const std::string& out) {
    std::vector<std::string> answers;
    for (const auto& line : read_lines(out + "/graded.jsonl")) answers.push_back(line["predicted"]);
    return answers;
  };

  auto one = evaluate(1, common + " --gen_batch 1 --output " + dir + "/one");
  INFO(one.output);
  REQUIRE(one.exit_code == 0);
  auto batched = evaluate(2, common + " --gen_batch 5 --output " + dir + "/batched");
  INFO(batched.output);
  REQUIRE(batched.exit_code == 0);
  REQUIRE(predicted(dir + "/one").size() == 12);
  CHECK(predicted(dir + "/batched") == predicted(dir + "/one"));
  json figures = json::parse(std::ifstream(dir + "/batched/generation.json"));
  CHECK(figures["items"] == 12);
  CHECK(figures["gen_batch"] == 5);
  CHECK(figures["ranks"] == 2);
  CHECK(figures["generated_tokens"].get<uint64_t>() >= 12);
  CHECK(figures["generated_tokens"].get<uint64_t>() <= 12 * 12);
  CHECK_THAT(batched.output, Catch::Contains("tokens/s") && Catch::Contains("items/s"));

  // Every option at once, against the prompts built here and answered one at a time.
  fs::copy_file(data + "/tokenizers/qwen2/tokenizer_config.json", model + "/tokenizer_config.json");
  auto options = evaluate(2, common + " --gen_batch 4 --fewshot 3 --fewshot_seed 5 --chat --stop 'e,\\n' --output " +
                                 dir + "/options");
  INFO(options.output);
  REQUIRE(options.exit_code == 0);
  const PromptBuilder prompts("Question: {question}\nAnswer:", music, 3, 5,
                              ChatTemplate::from_tokenizer_config(model + "/tokenizer_config.json"));
  AnswerGenerator alone(load_llama(model), std::make_shared<Tokenizer>(load_tokenizer(model + "/tokenizer.json")),
                        AnswerSettings{12, {"e", "\n"}, 1});
  const auto answers = predicted(dir + "/options");
  REQUIRE(answers.size() == 12);
  for (size_t k = 0; k < 12; ++k) {
    INFO("item " << k);
    CHECK(prompts.prompt_for(music[k]).find(music[k].question) != std::string::npos);
    CHECK(answers[k] == alone.answer(prompts.prompt_for(music[k])));
    CHECK(answers[k].find_first_of("e\n") == std::string::npos);
  }

  const std::string shots = write_lines(dir + "/one_shot.jsonl", {R"({"id": "s1", "question": "Who?", "answer": "Me"})"});
  auto few = evaluate(2, common + " --fewshot 2 --fewshot_source " + shots + " --output " + dir + "/bad");
  CHECK(few.exit_code == 2);
  CHECK_THAT(few.output, Catch::Contains(shots + ": fewshot: 2 examples asked for item 'simpleqa-") &&
                             Catch::Contains("has 1 other items"));
  auto no_batch = evaluate(1, common + " --gen_batch 0 --output " + dir + "/bad");
  CHECK(no_batch.exit_code == 2);
  CHECK_THAT(no_batch.output, Catch::Contains("gen_batch"));
  fs::remove(model + "/tokenizer_config.json");
  auto no_chat = evaluate(1, common + " --chat --output " + dir + "/bad");
  CHECK(no_chat.exit_code == 2);
  CHECK_THAT(no_chat.output, Catch::Contains(model + "/tokenizer_config.json: cannot read"));
}

TEST_CASE("evaluate accounts for every prediction line: a line for no item, a second line and bad bytes are refused by line") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string csv = data + "/qa/simple_qa_test_set.csv";
  const auto music = load_benchmark(csv, "Music");
  std::vector<BenchmarkItem> other;
  for (const auto& item : load_benchmark(csv))
    if (item.topic != "Music") other.push_back(item);
  REQUIRE(other.size() > 3);
  const std::string dir = testing::scratch_dir("evaluate_prediction_lines");
  auto line = [](const char* key, const std::string& value, const std::string& predicted) {
    return json{{key, value}, {"predicted", predicted}}.dump();
  };
  auto refused = [&](const std::string& name, const std::vector<std::string>& lines, const std::string& message) {
    const std::string path = write_lines(dir + "/" + name + ".jsonl", lines);
    auto r = evaluate(2, "--benchmark " + csv + " --topic Music --predictions " + path + " --output " + dir + "/out");
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(path + message));
  };
  SECTION("two lines for one id") {
    refused("twice", {line("id", music[0].id, "A"), line("id", music[1].id, "B"), line("id", music[0].id, "C")},
            ":3: a second prediction for item '" + music[0].id + "' (the first is on line 1)");
  }
  SECTION("one item answered by id and by question") {
    refused("both", {line("id", music[0].id, "A"), line("question", music[0].question, "B")},
            ":2: a second prediction for item '" + music[0].id + "' (the first is on line 1)");
  }
  SECTION("an id the benchmark does not have") {
    refused("unknown_id", {line("id", music[0].id, "A"), line("id", "simpleqa-99999", "B")},
            ":2: id 'simpleqa-99999' is not in the benchmark");
  }
  SECTION("a question the benchmark does not ask") {
    refused("unknown_question", {line("question", "Who played the theremin on the Moon?", "Nobody")},
            ":1: question 'Who played the theremin on the Moon?' is not in the benchmark");
  }
  SECTION("bytes that are not UTF-8") {
    refused("latin1", {line("id", music[0].id, "A"), "{\"id\": \"" + music[1].id + "\", \"predicted\": \"caf\xe9\"}"},
            ":2: not valid UTF-8");
  }
  SECTION("lines for items outside the topic are counted, not graded and not lost") {
    const std::string path =
        write_lines(dir + "/mixed.jsonl", {line("id", music[0].id, music[0].answer), line("id", other[0].id, "X"),
                                           line("question", music[1].question, "I don't know"),
                                           line("question", other[1].question, "Y"), line("id", music[2].id, "Z"),
                                           line("id", other[2].id, "W")});
    auto r = evaluate(2, "--benchmark " + csv + " --topic Music --predictions " + path + " --output " + dir + "/out");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    json report = json::parse(std::ifstream(dir + "/out/report.json"));
    CHECK(report["items"] == 341);
    CHECK(report["missing"] == 338);
    CHECK(report["correct"] == 1);
    CHECK(report["prediction_lines"] == json{{"lines", 6}, {"graded", 3}, {"outside_selection", 3}});
  }
  SECTION("a rerun that fails leaves none of the earlier run's results in the folder") {
    const std::string good = write_lines(dir + "/good.jsonl", {line("id", music[0].id, music[0].answer)});
    auto first = evaluate(2, "--benchmark " + csv + " --topic Music --predictions " + good + " --output " + dir + "/out");
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    REQUIRE(fs::exists(dir + "/out/report.json"));
    refused("rerun", {line("id", "simpleqa-99999", "B")}, ":1: id 'simpleqa-99999' is not in the benchmark");
    for (const char* result : {"report.json", "report.md", "graded.jsonl"}) CHECK_FALSE(fs::exists(dir + "/out/" + result));
    const json accounting = json::parse(std::ifstream(dir + "/out/predictions_accounting.json"));
    CHECK(accounting["file"] == dir + "/rerun.jsonl");
    // An input that is one of the results the run would clear is refused, and kept.
    REQUIRE(evaluate(1, "--benchmark " + csv + " --topic Music --predictions " + good + " --output " + dir + "/out")
                .exit_code == 0);
    const std::string graded = dir + "/out/graded.jsonl";
    auto own = evaluate(1, "--benchmark " + csv + " --topic Music --predictions " + graded + " --output " + dir + "/out");
    INFO(own.output);
    CHECK(own.exit_code == 2);
    CHECK_THAT(own.output, Catch::Contains(graded + " is this run's own graded.jsonl in --output"));
    CHECK(fs::exists(graded));
  }
}

TEST_CASE("evaluate --model: a tokenizer past the model's vocabulary is refused, and a model padded past the tokenizer answers in its ids") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string csv = data + "/qa/simple_qa_test_set.csv";
  const auto items = load_benchmark(csv, "Music");
  const std::string root = testing::scratch_dir("evaluate_vocabularies");

  SECTION("a tokenizer with more ids than the model") {
    fs::create_directories(root + "/large");
    const std::string model = model_with_tokenizer(data, root + "/large", 600);
    auto r = evaluate(1, "--benchmark " + csv + " --topic Music --limit 2 --threads 1 --model " + model + " --output " +
                             root + "/large/out");
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("tokenizer '" + model + "/tokenizer.json' has ids up to 599") &&
                             Catch::Contains("beyond the vocabulary of 512 of the model '" + model + "'"));
  }
  SECTION("a model whose embedding has ids the tokenizer does not") {
    fs::create_directories(root + "/padded");
    const std::string model = model_with_tokenizer(data, root + "/padded", 300);
    auto tokenizer = std::make_shared<Tokenizer>(load_tokenizer(model + "/tokenizer.json"));
    REQUIRE(tokenizer->vocab_size() == 300);
    // Unrestricted, the model picks ids past the tokenizer's for these prompts.
    auto llama = load_llama(model);
    AnswerGenerator generator(llama, tokenizer, AnswerSettings{8});
    const PromptBuilder prompts("Question: {question}\nAnswer:");
    bool beyond = false;
    for (size_t k = 0; k < 5; ++k) {
      std::vector<int64_t> prompt;
      for (int32_t id : tokenizer->encode(prompts.question_prompt(items[k].question))) prompt.push_back(id);
      for (int64_t id : greedy_generate(llama, prompt, 8)) beyond = beyond || id >= 300;
    }
    REQUIRE(beyond);

    auto r = evaluate(2, "--benchmark " + csv + " --topic Music --limit 5 --max_new_tokens 8 --threads 1 --model " +
                             model + " --output " + root + "/padded/out");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    auto graded = read_lines(root + "/padded/out/graded.jsonl");
    REQUIRE(graded.size() == 5);
    for (size_t k = 0; k < 5; ++k) {
      CHECK(graded[k]["id"] == items[k].id);
      CHECK(graded[k]["predicted"] == generator.answer(prompts.question_prompt(items[k].question)));
    }
  }
}

TEST_CASE("evaluate --answer_loss: each gold answer's loss given its prompt, as a cross-entropy over the joined ids") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::string dir = testing::scratch_dir("evaluate_answer_loss");
  const std::string model = model_with_tokenizer(data, dir, 512);
  const std::string csv = data + "/qa/simple_qa_test_set.csv";
  auto r = evaluate(2, "--benchmark " + csv + " --topic Music --limit 6 --max_new_tokens 4 --threads 1 --answer_loss "
                       "--model " + model + " --output " + dir + "/out");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  auto graded = read_lines(dir + "/out/graded.jsonl");
  REQUIRE(graded.size() == 6);
  auto items = load_benchmark(csv, "Music");
  auto llama = load_llama(model);
  llama->eval();
  Tokenizer tokenizer = load_tokenizer(model + "/tokenizer.json");
  const PromptBuilder prompts("Question: {question}\nAnswer:");
  double sum = 0;
  for (size_t k = 0; k < 6; ++k) {
    const AnswerLoss alone =
        answer_loss_alone(llama, tokenizer, prompts.question_prompt(items[k].question), items[k].answer);
    const double loss = alone.per_token();
    CHECK(graded[k]["answer_tokens"] == alone.tokens);
    CHECK(graded[k]["answer_loss"].get<double>() == Approx(loss).epsilon(1e-5));
    sum += loss;
  }
  json report = json::parse(std::ifstream(dir + "/out/report.json"));
  CHECK(report["answer_loss"].get<double>() == Approx(sum / 6).epsilon(1e-5));
  CHECK(report["answer_loss_ci95"][0].get<double>() <= report["answer_loss"].get<double>());
  CHECK(report["answer_loss_ci95"][1].get<double>() >= report["answer_loss"].get<double>());

  // Read answers have no model to score the gold with.
  write_lines(dir + "/answers.jsonl", {R"({"id":")" + items[0].id + R"(","predicted":"x"})"});
  auto refused = evaluate(1, "--benchmark " + csv + " --topic Music --limit 1 --answer_loss --predictions " + dir +
                                 "/answers.jsonl --output " + dir + "/out2");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Catch::Contains("answer_loss needs --model"));
}

TEST_CASE("answer losses scored in batches: each pair's of its own forward pass, its prompt cut to the context") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::string dir = testing::scratch_dir("evaluate_answer_loss_batches");
  const std::string model_dir = model_with_tokenizer(data, dir, 512);
  auto llama = load_llama(model_dir);
  llama->eval();
  Tokenizer tokenizer = load_tokenizer(model_dir + "/tokenizer.json");
  const int64_t context = llama->config.max_position_embeddings;
  const PromptBuilder prompts("Question: {question}\nAnswer:");
  std::vector<std::string> texts, golds;
  for (const auto& item : load_benchmark(data + "/qa/simple_qa_test_set.csv", "Music")) {
    if (texts.size() == 40) break;
    texts.push_back(prompts.question_prompt(item.question));
    golds.push_back(item.answer);
  }
  // A prompt past the context (its start is cut) and an empty gold answer (its " " scored).
  std::string long_prompt;
  while (static_cast<int64_t>(tokenizer.encode(long_prompt).size()) < context + 40) long_prompt += texts[0] + " ";
  texts.insert(texts.begin() + 7, long_prompt);
  golds.insert(golds.begin() + 7, golds[0]);
  texts.push_back(texts[1]);
  golds.push_back("");
  std::vector<AnswerLoss> expected;
  for (size_t k = 0; k < texts.size(); ++k) expected.push_back(answer_loss_alone(llama, tokenizer, texts[k], golds[k]));
  CHECK(expected[7].tokens + static_cast<int64_t>(tokenizer.encode(texts[7]).size()) > context);
  for (int64_t batch : {1, 3, 16, 64}) {
    INFO("batch " << batch);
    const auto losses = answer_losses(llama, tokenizer, texts, golds, batch);
    REQUIRE(losses.size() == texts.size());
    for (size_t k = 0; k < texts.size(); ++k) {
      INFO("pair " << k);
      CHECK(losses[k].tokens == expected[k].tokens);
      CHECK(losses[k].nats == Approx(expected[k].nats).epsilon(1e-5));
    }
  }
  CHECK_THROWS_WITH(answer_losses(llama, tokenizer, texts, golds, 0), Catch::Contains("batch_size must be positive"));
  // After a prompt that ends in whitespace the answer is scored without a space of its own.
  // (A gold whose leading space is a token of its own shows it.)
  const auto gold = std::find_if(golds.begin(), golds.end(), [&](const std::string& g) {
    return tokenizer.encode(" " + g).size() != tokenizer.encode(g).size();
  });
  REQUIRE(gold != golds.end());
  CHECK(answer_losses(llama, tokenizer, {texts[1] + " "}, {*gold}, 1)[0].tokens ==
        static_cast<int64_t>(tokenizer.encode(*gold).size()));
}
