#include "evaluation/evaluate_job.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <numeric>
#include <optional>

#include "common/declared_options.h"
#include "common/json_writer.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "common/tokenizer/tokenizer.h"
#include "common/tokenizer/tokenizer_loader.h"
#include "common/benchmark/benchmark.h"
#include "evaluation/grading/external_judge.h"
#include "evaluation/bootstrap.h"
#include "evaluation/generation/answer_generator.h"
#include "evaluation/generation/answer_likelihood.h"
#include "evaluation/generation/chat_template.h"
#include "evaluation/generation/prompt_builder.h"
#include "evaluation/generation/stop_strings.h"
#include "evaluation/predictions.h"
#include "evaluation/qa_report.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/compute_threads.h"
#include "training/device.h"

namespace fs = std::filesystem;

namespace mucpt {

void register_evaluate_options(Config& config) { register_options<EvaluateOptions>(config); }

namespace {

std::string graded_json(const GradedItem& g, GradedBy graded_by, const AnswerLoss* loss) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("id", g.id);
  w.field("question", g.question);
  w.field("gold", g.gold);
  w.field("predicted", g.predicted);
  w.field("grade", grade_name(g.grade));
  w.field("rule", g.rule);
  w.field("topic", g.topic);
  w.field("answer_type", g.answer_type);
  if (g.missing) w.field("missing", true);
  w.field("graded_by", graded_by_name(graded_by));
  if (loss) w.field("answer_loss", loss->per_token()).field("answer_tokens", loss->tokens);
  w.end_object();
  return out;
}

// The gold answers' mean loss per token and its interval over the items, into report.json
// (answer_loss, answer_loss_ci95); returns its Markdown line.
std::string answer_loss_report(const std::vector<double>& losses, nlohmann::json& report) {
  auto mean_of = [&](const std::vector<size_t>& sample) {
    double sum = 0;
    for (size_t i : sample) sum += losses[i];
    return std::vector<double>{sum / static_cast<double>(sample.size())};
  };
  const double mean = std::accumulate(losses.begin(), losses.end(), 0.0) / static_cast<double>(losses.size());
  const Interval interval = percentile_interval(bootstrap(losses.size(), BootstrapSettings{}, mean_of)[0]);
  report["answer_loss"] = mean;
  report["answer_loss_ci95"] = interval_json(interval);
  char line[160];
  std::snprintf(line, sizeof line, "\nGold answer loss given the prompt: %.4f [%.4f, %.4f] nats per answer token.\n",
                mean, interval.low, interval.high);
  return line;
}

JudgeOptions judge_options_from(const EvaluateOptions& options, const std::string& output) {
  JudgeOptions o{options.judge_command, options.judge_timeout, static_cast<int>(options.judge_retries),
                 options.judge_cache, options.judge_id};
  if (!(o.timeout_s > 0)) throw ConfigError("judge.timeout must be a positive number of seconds");
  if (o.retries < 0) throw ConfigError("judge.retries must be 0 or more");
  if (o.cache_path.empty()) o.cache_path = output + "/judge_cache.jsonl";
  return o;
}

// What decides a run's scores besides the answers' source: how the items were chosen,
// asked and graded. compare names any that differ between the runs it pairs.
nlohmann::json run_settings(const EvaluateOptions& options) {
  nlohmann::json s{{"topic", options.topic}, {"limit", options.limit}};
  s["grader"] = options.judge_command.empty()
                    ? nlohmann::json("rules")
                    : nlohmann::json{{"judge.command", options.judge_command}, {"judge.id", options.judge_id}};
  if (!options.model.empty()) {
    s["prompt"] = options.prompt;
    s["chat"] = options.chat;
    s["fewshot"] = options.fewshot;
    if (options.fewshot > 0) {
      s["fewshot_seed"] = options.fewshot_seed;
      s["fewshot_source"] = options.fewshot_source;
    }
    s["stop"] = options.stop;
    s["max_new_tokens"] = options.max_new_tokens;
  }
  return s;
}

std::string json_text(const nlohmann::json& j) {
  return j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// Any unusable line stops the run before grading: a score with answers silently
// dropped would look like a worse model. Every refused line is listed in the file.
void refuse_unusable_predictions(const Predictions& predictions, const std::string& output, const MpiContext& mpi) {
  if (predictions.refused() == 0) return;
  const nlohmann::json accounting = predictions.accounting();
  if (mpi.rank() == 0) write_file_atomically(output + "/predictions_accounting.json", json_text(accounting));
  std::string message = concat(accounting["file"].get<std::string>(), ": ", predictions.refused(), " of ",
                               accounting["lines"].get<uint64_t>(), " lines cannot be used (all are listed in ", output,
                               "/predictions_accounting.json):");
  constexpr size_t kShown = 10;
  for (size_t i = 0; i < std::min(kShown, predictions.first_refused().size()); ++i)
    message += "\n  " + predictions.first_refused()[i].message;
  if (predictions.refused() > kShown) message += concat("\n  ... and ", predictions.refused() - kShown, " more");
  throw UserError(message);
}

void write_predictions_accounting(const Predictions& predictions, uint64_t graded_rows, const std::string& output) {
  nlohmann::json accounting = predictions.accounting();
  accounting["graded"] = graded_rows;
  accounting["outside_selection"] = predictions.rows() - graded_rows;
  write_file_atomically(output + "/predictions_accounting.json", json_text(accounting));
  log_info("prediction lines: ", accounting["lines"].get<uint64_t>(), " read, ", predictions.rows(), " used (",
           graded_rows, " graded, ", predictions.rows() - graded_rows, " outside the selection), ",
           accounting["blank"].get<uint64_t>(), " blank, 0 refused; ", accounting["empty_answers"].get<uint64_t>(),
           " empty answers graded NOT_ATTEMPTED");
}

void write_judge_report(const JudgeOptions& options, std::map<std::string, uint64_t> graded_by, uint64_t runs,
                        uint64_t failed_runs, const std::string& output) {
  for (GradedBy by : {GradedBy::judge, GradedBy::judge_cache, GradedBy::rules_fallback, GradedBy::rules})
    graded_by.emplace(graded_by_name(by), 0);
  const nlohmann::json report{{"command", options.command},     {"id", options.id},
                              {"timeout_s", options.timeout_s},
                              {"retries", options.retries},     {"cache", options.cache_path},
                              {"graded_by", graded_by},         {"judge_runs", runs},
                              {"judge_failed_runs", failed_runs}};
  write_file_atomically(output + "/judge.json", json_text(report));
  log_info("graded by the judge ", graded_by["judge"], ", from its cache ", graded_by["judge_cache"],
           ", by the rules after the judge failed ", graded_by["rules_fallback"], ", by the rules (no answer) ",
           graded_by["rules"], "; the judge ran ", runs, " times, ", failed_runs, " failed; ", output, "/judge.json");
}

AnswerSettings answer_settings(const EvaluateOptions& options) {
  AnswerSettings settings;
  settings.max_new_tokens = new_token_limit(options);
  settings.stop = parse_stop_strings(options.stop);
  settings.batch_size = decode_batch_size(options);
  return settings;
}

PromptBuilder prompt_builder(const EvaluateOptions& options, const std::vector<BenchmarkItem>& benchmark_items) {
  const int64_t fewshot = options.fewshot;
  if (fewshot < 0) throw ConfigError("fewshot: must be 0 or more");
  const std::string source = options.fewshot_source;
  std::vector<BenchmarkItem> pool;
  if (fewshot > 0) {
    try {
      pool = source.empty() ? benchmark_items : load_benchmark(source);
    } catch (const BenchmarkError& e) {
      throw UserError(std::string("fewshot_source: ") + e.what());
    }
  }
  std::optional<ChatTemplate> chat;
  if (options.chat) chat = ChatTemplate::from_tokenizer_config(options.model + "/tokenizer_config.json");
  return PromptBuilder(unescape_prompt(options.prompt), std::move(pool), static_cast<int>(fewshot),
                       static_cast<uint64_t>(options.fewshot_seed), chat);
}

// Generated tokens and items per second over all ranks (wall time: the slowest rank's),
// to the log and DIR/generation.json.
void write_generation_figures(const AnswerGenerator& generator, const EvaluateOptions& options, const MpiContext& mpi,
                              const std::string& output) {
  const GenerationCounts& c = generator.counts();
  const uint64_t items = mpi_sum(c.prompts), tokens = mpi_sum(c.tokens);
  const double seconds = static_cast<double>(mpi_max(static_cast<uint64_t>(c.seconds * 1e6))) / 1e6;
  if (mpi.rank() != 0) return;
  const double safe = std::max(seconds, 1e-9);
  nlohmann::json figures = {{"items", items},
                            {"generated_tokens", tokens},
                            {"seconds", seconds},
                            {"tokens_per_second", static_cast<double>(tokens) / safe},
                            {"items_per_second", static_cast<double>(items) / safe},
                            {"gen_batch", options.gen_batch},
                            {"ranks", mpi.size()}};
  write_file_atomically(output + "/generation.json", figures.dump(1) + "\n");
  log_info("generation: ", items, " items, ", tokens, " tokens in ", seconds, " s: ",
           figures["tokens_per_second"].get<double>(), " tokens/s, ", figures["items_per_second"].get<double>(),
           " items/s (gen_batch ", options.gen_batch, ", ", mpi.size(), " ranks)");
}

}  // namespace

int new_token_limit(const EvaluateOptions& options) {
  if (options.max_new_tokens < 1) throw ConfigError("max_new_tokens: must be at least 1");
  return static_cast<int>(options.max_new_tokens);
}

int decode_batch_size(const EvaluateOptions& options) {
  if (options.gen_batch < 1) throw ConfigError("gen_batch: must be at least 1");
  return static_cast<int>(options.gen_batch);
}

int run_evaluate(const Config& config, const MpiContext& mpi) {
  const EvaluateOptions options = read_options<EvaluateOptions>(config);
  const std::string benchmark = options.benchmark, output = options.output;
  const std::string predictions_path = options.predictions, model_dir = options.model;
  if (benchmark.empty() || output.empty()) throw UserError("evaluate needs --benchmark FILE and --output DIR");
  if (predictions_path.empty() == model_dir.empty())
    throw UserError("give either --predictions FILE (grade answers) or --model FOLDER (answer, then grade)");
  const JudgeOptions judge_options = judge_options_from(options, output);
  const torch::Device device = model_dir.empty() ? torch::Device(torch::kCPU) : resolve_device(options.device);
  std::vector<BenchmarkItem> items;
  try {
    items = load_benchmark(benchmark, options.topic);
  } catch (const BenchmarkError& e) {
    throw UserError(e.what());
  }
  const std::vector<BenchmarkItem> all_items = items;  // before the limit: the few-shot pool
  if (const int64_t limit = options.limit; limit > 0 && static_cast<size_t>(limit) < items.size())
    items.resize(static_cast<size_t>(limit));
  if (items.empty()) throw UserError(benchmark + ": no item (topic '" + options.topic + "')");
  fs::create_directories(output);
  // A run that fails must not leave an earlier run's results in DIR looking like its own
  // (compare would read them); the judge's cache stays.
  for (const char* result : {"report.json", "report.md", "graded.jsonl", "judge.json", "generation.json",
                             "predictions_accounting.json"}) {
    const std::string path = output + "/" + result;
    for (const std::string& input : {predictions_path, benchmark})
      if (!input.empty() && fs::exists(path) && fs::exists(input) && fs::equivalent(path, input))
        throw UserError(input + " is this run's own " + result + " in --output: give the run another folder");
    if (mpi.rank() == 0) fs::remove(path);
  }

  // Each rank answers and grades items rank, rank + N, ...; rank 0 puts them in order.
  std::unique_ptr<Predictions> predictions;
  std::unique_ptr<AnswerGenerator> generator;
  std::unique_ptr<PromptBuilder> prompts;
  LlamaForCausalLM model{nullptr};  // with --model: generates, and scores gold answers
  std::shared_ptr<Tokenizer> tokenizer;
  if (!predictions_path.empty()) {
    if (options.answer_loss) throw ConfigError("answer_loss needs --model (predictions carry no losses)");
    try {
      // Joined against every item, so that a line for an item this run leaves out (by
      // topic or limit) is counted rather than refused.
      predictions = std::make_unique<Predictions>(predictions_path, load_benchmark(benchmark));
    } catch (const std::exception& e) {
      throw UserError(e.what());
    }
    refuse_unusable_predictions(*predictions, output, mpi);
  } else {
    prompts = std::make_unique<PromptBuilder>(prompt_builder(options, all_items));
    const AnswerSettings settings = answer_settings(options);
    configure_compute_threads(static_cast<int>(options.threads));
    std::string tokenizer_path = options.tokenizer;
    if (tokenizer_path.empty()) tokenizer_path = model_dir + "/tokenizer.json";
    try {
      tokenizer = std::make_shared<Tokenizer>(load_tokenizer(tokenizer_path));
    } catch (const std::exception& e) {
      throw UserError("tokenizer '" + tokenizer_path + "': " + e.what());
    }
    model = load_llama_for(model_dir, "model");
    model->to(device);
    // An id past the embedding cannot be fed to the model. The reverse, an embedding
    // padded past the tokenizer (as Qwen pads), is fine: generation keeps to the
    // tokenizer's ids.
    if (tokenizer->vocab_size() > static_cast<size_t>(model->config.vocab_size))
      throw UserError("tokenizer '" + tokenizer_path + "' has ids up to " + std::to_string(tokenizer->vocab_size() - 1) +
                      ", beyond the vocabulary of " + std::to_string(model->config.vocab_size) + " of the model '" +
                      model_dir + "' (config.json vocab_size): they belong to different models");
    generator = std::make_unique<AnswerGenerator>(model, tokenizer, settings);
  }
  // This rank's answers, generated in batches before the items are graded.
  std::vector<std::string> answers;
  std::vector<AnswerLoss> gold_losses;
  if (generator) {
    std::vector<std::string> texts;
    const std::string pool = options.fewshot_source.empty() ? benchmark : options.fewshot_source;
    for (size_t i = static_cast<size_t>(mpi.rank()); i < items.size(); i += static_cast<size_t>(mpi.size())) {
      try {
        texts.push_back(prompts->prompt_for(items[i]));
      } catch (const UserError& e) {
        throw UserError(pool + ": " + e.what());  // too few examples to draw from
      }
    }
    answers = generator->answer(texts);
    write_generation_figures(*generator, options, mpi, output);
    if (options.answer_loss) {
      std::vector<std::string> golds;
      for (size_t i = static_cast<size_t>(mpi.rank()); i < items.size(); i += static_cast<size_t>(mpi.size()))
        golds.push_back(items[i].answer);
      gold_losses = answer_losses(model, *tokenizer, texts, golds, decode_batch_size(options));
    }
  }
  std::unique_ptr<ExternalJudge> judge;
  if (!judge_options.command.empty()) {
    judge = std::make_unique<ExternalJudge>(judge_options, mpi.rank());
    mpi_barrier();  // every rank has read the cache before any rank appends to it
  }
  const std::string part = output + "/graded.rank-" + std::to_string(mpi.rank()) + ".jsonl";
  {
    LineWriter out(part);
    for (size_t i = static_cast<size_t>(mpi.rank()); i < items.size(); i += static_cast<size_t>(mpi.size())) {
      const BenchmarkItem& item = items[i];
      GradedItem g;
      g.id = item.id, g.question = item.question, g.gold = item.answer, g.topic = item.topic;
      g.answer_type = item.answer_type;
      if (predictions) {
        const std::string* p = predictions->find(item.id);
        g.missing = p == nullptr;
        if (p) g.predicted = *p;
      } else {
        g.predicted = answers[i / static_cast<size_t>(mpi.size())];
      }
      std::vector<std::string> accepted{item.answer};
      accepted.insert(accepted.end(), item.aliases.begin(), item.aliases.end());
      const Verdict verdict = g.missing ? Verdict{Grade::not_attempted, GradedBy::rules, "no_prediction"}
                              : judge   ? judge->grade(item.question, accepted, g.predicted)
                                        : grade_by_rules(g.predicted, accepted);
      g.grade = verdict.grade;
      g.rule = verdict.rule;
      const size_t own = i / static_cast<size_t>(mpi.size());
      out.write_line(graded_json(g, verdict.by, gold_losses.empty() ? nullptr : &gold_losses[own]));
    }
    out.commit();
  }
  const uint64_t judge_runs = mpi_sum(judge ? judge->runs() : 0);
  const uint64_t judge_failed_runs = mpi_sum(judge ? judge->failed_runs() : 0);
  judge.reset();  // its cache file closed before rank 0 merges the ranks' files
  mpi_barrier();

  if (mpi.rank() == 0) {
    // Rank r wrote items r, r + N, ...: interleave the parts back into benchmark order.
    std::vector<std::unique_ptr<LineReader>> parts;
    for (int r = 0; r < mpi.size(); ++r)
      parts.push_back(std::make_unique<LineReader>(output + "/graded.rank-" + std::to_string(r) + ".jsonl"));
    std::vector<GradedItem> graded;
    std::map<std::string, uint64_t> graded_by;
    std::vector<double> item_answer_losses;
    LineWriter merged(output + "/graded.jsonl");
    for (size_t i = 0; i < items.size(); ++i) {
      std::string_view line;
      if (!parts[i % parts.size()]->next(line)) throw IoError(output + ": a rank's graded part is short");
      merged.write_line(line);
      auto j = nlohmann::json::parse(line);
      GradedItem g;
      g.id = j["id"], g.question = j["question"], g.gold = j["gold"], g.predicted = j["predicted"];
      g.topic = j["topic"], g.answer_type = j["answer_type"], g.rule = j["rule"];
      const std::string grade = j["grade"];
      g.grade = grade == "CORRECT" ? Grade::correct : grade == "INCORRECT" ? Grade::incorrect : Grade::not_attempted;
      g.missing = j.value("missing", false);
      ++graded_by[j["graded_by"].get<std::string>()];
      if (j.contains("answer_loss")) item_answer_losses.push_back(j["answer_loss"]);
      graded.push_back(g);
    }
    merged.commit();
    nlohmann::json report = qa_report(graded);
    report["benchmark"] = benchmark;
    if (!judge_options.command.empty()) report["graded_by"] = graded_by;
    report["answers"] = predictions ? predictions_path : model_dir;
    report["settings"] = run_settings(options);
    if (predictions) {
      // Every line of the file is graded here or answers an item this run leaves out.
      uint64_t graded_rows = 0;
      for (const auto& g : graded) graded_rows += !g.missing;
      report["prediction_lines"] = {{"lines", predictions->rows()},
                                    {"graded", graded_rows},
                                    {"outside_selection", predictions->rows() - graded_rows}};
      if (graded_rows < predictions->rows())
        log_info(predictions->rows() - graded_rows, " of ", predictions->rows(), " prediction lines answer items outside",
                 " this run's topic or limit");
      write_predictions_accounting(*predictions, graded_rows, output);
    }
    if (!judge_options.command.empty()) {
      JudgeCache::merge(judge_options.cache_path);
      write_judge_report(judge_options, graded_by, judge_runs, judge_failed_runs, output);
    }
    std::string markdown = render_qa_report_markdown(report);
    if (!item_answer_losses.empty()) markdown += answer_loss_report(item_answer_losses, report);
    write_file_atomically(output + "/report.json", report.dump(1) + "\n");
    write_file_atomically(output + "/report.md", markdown);
    if (report["missing"].get<uint64_t>() > 0)
      log_warn(report["missing"].get<uint64_t>(), " items have no prediction (graded as not attempted)");
    log_info("accuracy ", report["accuracy"].get<double>(), " (", report["correct"].get<uint64_t>(), " of ",
             report["items"].get<uint64_t>(), "), F ", report["f_score"].get<double>(), "; report: ", output,
             "/report.md");
  }
  mpi_barrier();
  for (int r = 0; r < mpi.size(); ++r)
    if (r == mpi.rank()) fs::remove(part);
  return 0;
}

}  // namespace mucpt
