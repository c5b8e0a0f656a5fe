// The runner of the Catch2 binaries that run under mpirun: every rank runs the cases,
// and the binary fails on every rank when a case failed on any.
#define CATCH_CONFIG_RUNNER
#include "tests/catch.h"
#include <mpi.h>

#include "common/mpi_context.h"

int main(int argc, char** argv) {
  mucpt::MpiContext mpi(&argc, &argv);
  int failed = Catch::Session().run(argc, argv);
  int any = 0;
  MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return any == 0 ? 0 : 1;
}
