// The runner of the Catch2 binaries that run under mpirun: every rank runs the cases,
// and the binary fails on every rank when a case failed on any.
#define CATCH_CONFIG_RUNNER
#include "tests/catch.h"
#include <mpi.h>

#include <iostream>

#include "common/mpi_context.h"

namespace {

#ifdef MUCPT_CATCH2_3
using ListenerBase = Catch::EventListenerBase;
#else
using ListenerBase = Catch::TestEventListenerBase;
#endif

// A REQUIRE that fails on one rank leaves its case there while the other ranks wait in
// the case's collectives: a rank with a failed assertion ends every rank. Listeners hear
// a section end before the reporter, which printed the failure when it was asserted.
struct EndEveryRankOnFailure : ListenerBase {
  using ListenerBase::ListenerBase;
  void sectionEnded(Catch::SectionStats const& stats) override {
    if (stats.assertions.failed == 0) return;
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    std::cout.flush();
    std::cerr << "rank " << rank << ": a test failed; ending every rank" << std::endl;
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
};

}  // namespace

CATCH_REGISTER_LISTENER(EndEveryRankOnFailure)

int main(int argc, char** argv) {
  mucpt::MpiContext mpi(&argc, &argv);
  int failed = Catch::Session().run(argc, argv);
  int any = 0;
  MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return any == 0 ? 0 : 1;
}
