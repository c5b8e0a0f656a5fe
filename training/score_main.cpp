// score: per-token reference-model losses for a packed dataset.
// Run with `mpirun -np N score --model RM --data OUT/tokens`.
#include <iostream>

#include "common/command_exit.h"
#include "training/score/score_job.h"

int main(int argc, char** argv) {
  mucpt::MpiContext mpi(&argc, &argv);
  mucpt::Config config(
      "score: the reference model's loss on every token of a packed dataset, beside each shard\n"
      "Usage: mpirun -np N score --model RM_FOLDER --data OUT/tokens [--seq_len T] [--dtype float16|float32]");
  mucpt::register_score_options(config);
  return mucpt::run_with_exit_codes(mpi, [&] {
    if (!config.parse(argc, argv, mpi.rank() == 0 ? std::cout : std::clog)) return 0;
    return mucpt::run_score(config, mpi);
  });
}
