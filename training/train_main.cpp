// train: continued pretraining with token-level weighting.
// Run with `mpirun -np N train --model M --data OUT/tokens --output RUN`.
#include <iostream>

#include "common/command_exit.h"
#include "training/train/train_job.h"

int main(int argc, char** argv) {
  mucpt::MpiContext mpi(&argc, &argv);
  mucpt::Config config(
      "train: continued pretraining of a Llama-architecture model on packed tokens\n"
      "Usage: mpirun -np N train --model FOLDER --data OUT/tokens --output RUN [--weighting.mode ntp|hard|soft]");
  mucpt::register_train_options(config);
  return mucpt::run_with_exit_codes(mpi, [&] {
    if (!config.parse(argc, argv, mpi.rank() == 0 ? std::cout : std::clog)) return 0;
    return mucpt::run_train(config, mpi);
  });
}
