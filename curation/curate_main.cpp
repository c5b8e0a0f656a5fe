// curate: MPI-parallel corpus curation. Run with `mpirun -np N curate --config C`.
#include <iostream>

#include "common/command_exit.h"
#include "curation/curate_job.h"
#include "curation/decide/decide_job.h"
#include "curation/stage_registry.h"

int main(int argc, char** argv) {
  mucpt::MpiContext mpi(&argc, &argv);
  mucpt::Config config(
      "curate: clean, filter and package a text corpus\n"
      "Usage: mpirun -np N curate --manifest M --output DIR [--config C] [--section.key=value ...]\n"
      "       curate train-classifier --manifest M --output MODEL.bin [--classifier.key=value ...]\n"
      "       mpirun -np N curate decide --run DIR --output NEW [--section.key=value ...]: the run again with\n"
      "         other options, without measuring again what it measured\n"
      "       curate rules: the rule tables decide applies to stored measures");
  mucpt::register_curate_options(config);
  mucpt::register_decide_options(config);
  return mucpt::run_with_exit_codes(mpi, [&] {
    if (!config.parse(argc, argv, mpi.rank() == 0 ? std::cout : std::clog)) return 0;
    const auto& words = config.positional();
    if (words.empty()) return mucpt::run_curate(config, mpi);
    if (words.size() == 1 && words[0] == "train-classifier") return mucpt::run_train_classifier(config, mpi);
    if (words.size() == 1 && words[0] == "decide") return mucpt::run_decide(config, mpi);
    if (words.size() == 1 && words[0] == "rules") {
      if (mpi.rank() == 0) std::cout << mucpt::describe_rule_tables(mucpt::threshold_rule_tables());
      return 0;
    }
    throw mucpt::ConfigError("unknown command '" + words[0] + "' (commands: train-classifier, decide, rules)");
  });
}
