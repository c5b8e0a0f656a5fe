// evaluate: factual-QA accuracy of a model or of a predictions file.
// Run with `mpirun -np N evaluate --benchmark B --model M --output DIR`.
#include <iostream>

#include "common/command_exit.h"
#include "evaluation/compare_job.h"
#include "evaluation/evaluate_job.h"
#include "evaluation/generate_job.h"
#include "evaluation/grade_job.h"
#include "evaluation/perplexity_job.h"

int main(int argc, char** argv) {
  mucpt::MpiContext mpi(&argc, &argv);
  mucpt::Config config(
      "evaluate: answer a factual-QA benchmark with a model (or read the answers) and grade them\n"
      "Usage: mpirun -np N evaluate --benchmark B [--topic Music] (--model FOLDER | --predictions P) --output DIR\n"
      "       evaluate generate --model FOLDER (--ids 1,403,407 | --prompt TEXT) [--max_new_tokens N]\n"
      "       evaluate grade --predictions ANSWERS.jsonl --output GRADED.jsonl [--benchmark B]\n"
      "       evaluate compare RUN_DIR RUN_DIR... [--common_items] --output DIR\n"
      "       mpirun -np N evaluate perplexity --model FOLDER --data TOKENS_DIR [--seq_len N] [--windows N] --output FILE");
  mucpt::register_evaluate_options(config);
  mucpt::register_generate_options(config);
  mucpt::register_compare_options(config);
  mucpt::register_perplexity_options(config);
  return mucpt::run_with_exit_codes(mpi, [&] {
    if (!config.parse(argc, argv, mpi.rank() == 0 ? std::cout : std::clog)) return 0;
    const auto& words = config.positional();
    if (words.empty()) return mucpt::run_evaluate(config, mpi);
    if (words.size() == 1 && words[0] == "generate") return mucpt::run_generate(config, mpi);
    if (words.size() == 1 && words[0] == "grade") return mucpt::run_grade(config, mpi);
    if (words[0] == "compare") return mucpt::run_compare(config, mpi);
    if (words.size() == 1 && words[0] == "perplexity") return mucpt::run_perplexity(config, mpi);
    throw mucpt::ConfigError("unknown command '" + words[0] + "' (commands: generate, grade, compare, perplexity)");
  });
}
