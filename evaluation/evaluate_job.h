#pragma once
// `evaluate`: a factual-QA benchmark (MusicSimpleQA-style JSONL or the SimpleQA CSV)
// answered by a model (greedy, items shared over the MPI ranks) or read from a
// predictions file, graded by rules, reported in total and per topic.
#include <cstdint>
#include <string>

#include "common/config.h"
#include "common/declared_options.h"
#include "common/mpi_context.h"

namespace mucpt {

// The options of evaluate, declared once; generate, perplexity and compare read the ones they share from here.
struct EvaluateOptions {
  std::string benchmark;
  std::string topic;
  std::string predictions;
  std::string model;
  std::string tokenizer;
  std::string device = "auto";
  std::string prompt = "Question: {question}\nAnswer:";
  int64_t max_new_tokens = 32;
  bool answer_loss = false;
  int64_t gen_batch = 16;
  std::string stop = "\\n";
  int64_t fewshot = 0;
  int64_t fewshot_seed = 1234;
  std::string fewshot_source;
  bool chat = false;
  int64_t limit = 0;
  std::string output;
  int64_t threads = 0;
  std::string judge_command;
  double judge_timeout = 60;
  int64_t judge_retries = 2;
  std::string judge_cache;
  std::string judge_id;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("benchmark", benchmark, "benchmark: JSONL {id, question, answer, aliases, topic} or the SimpleQA CSV");
    v("topic", topic, "keep only items of this topic (e.g. Music); empty: all");
    v("predictions", predictions, "grade these answers: JSONL {\"id\" or \"question\", \"predicted\"}");
    v("model", model, "or answer with this model: a Hugging Face folder with tokenizer.json");
    v("tokenizer", tokenizer, "tokenizer when the model folder has none");
    v("device", device,
      "--model, perplexity, generate: cpu | cuda (one GPU per rank, by its local rank) | auto (cuda when "
      "available)");
    v("prompt", prompt, "prompt template for --model, with a {question} slot (escapes \\n \\t \\\\)");
    v("max_new_tokens", max_new_tokens, "longest answer generated");
    v("answer_loss", answer_loss,
      "also score each gold answer's loss given the prompt (nats per token, lm-evaluation-harness's "
      "loglikelihood): answer_loss per item in graded.jsonl, the mean with its interval in report.json");
    v("gen_batch", gen_batch,
      "prompts decoded together (left-padded; the answers are those of one at a time), and gold answers scored "
      "together with answer_loss");
    v("stop", stop, "stop strings, comma separated (escapes \\n \\t \\, \\\\); the answer ends before one");
    v("fewshot", fewshot, "worked examples (question and gold answer) before each question");
    v("fewshot_seed", fewshot_seed, "seed of the examples' draw");
    v("fewshot_source", fewshot_source,
      "draw the examples from this benchmark file (empty: the benchmark's other items)");
    v("chat", chat, "wrap the prompt as one user message in the model's chat template");
    v("limit", limit, "grade only the first N items (0: all)");
    v("output", output, "output folder: graded.jsonl, report.json, report.md");
    v("threads", threads, "compute threads per rank (0: the cores given to the rank)");
    v("judge.command", judge_command,
      "grade with this command (/bin/sh -c): one JSON {question, gold, predicted, "
      "aliases} on its stdin, CORRECT/INCORRECT/NOT_ATTEMPTED or A/B/C on its stdout; empty: rules only");
    v("judge.timeout", judge_timeout, "seconds one judge run may take before it is killed");
    v("judge.retries", judge_retries, "runs of the judge after a failed one, before the rules grade the item");
    v("judge.cache", judge_cache, "the judge's grades by content, reused on rerun (default OUTPUT/judge_cache.jsonl)");
    v("judge.id", judge_id,
      "the judge behind the command (its model, its prompt's version) in the cache key beside the command: "
      "what the command reads from its environment or files is not in it");
  }
};

// max_new_tokens and gen_batch, which evaluate and generate share: ConfigError below 1.
int new_token_limit(const EvaluateOptions& options);
int decode_batch_size(const EvaluateOptions& options);

void register_evaluate_options(Config& config);
int run_evaluate(const Config& config, const MpiContext& mpi);

}  // namespace mucpt
