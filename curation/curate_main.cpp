// curate: MPI-parallel corpus curation. Run with `mpirun -np N curate --config C`.
#include <iostream>

#include "common/log.h"
#include "common/mpi_context.h"
#include "curation/curate_job.h"

int main(int argc, char** argv) {
  mucpt::MpiContext mpi(&argc, &argv);
  mucpt::Config config(
      "curate: clean, filter and package a text corpus\n"
      "Usage: mpirun -np N curate --manifest M --output DIR [--config C] [--section.key=value ...]\n"
      "       curate train-classifier --manifest M --output MODEL.bin [--classifier.key=value ...]");
  mucpt::register_curate_options(config);
  try {
    if (!config.parse(argc, argv, mpi.rank() == 0 ? std::cout : std::clog)) return 0;
    const auto& words = config.positional();
    if (words.empty()) return mucpt::run_curate(config, mpi);
    if (words.size() == 1 && words[0] == "train-classifier") return mucpt::run_train_classifier(config, mpi);
    throw mucpt::ConfigError("unknown command '" + words[0] + "' (commands: train-classifier)");
  } catch (const mucpt::ConfigError& e) {
    if (mpi.rank() == 0) mucpt::log_error("configuration: ", e.what());
    return 2;
  } catch (const mucpt::UserError& e) {
    if (mpi.rank() == 0) mucpt::log_error(e.what());
    return 2;
  } catch (const std::exception& e) {
    // Anything else is a fault on this rank alone: stop every rank rather than hang.
    mucpt::log_error("fatal: ", e.what());
    mucpt::mpi_abort(1);
  }
}
