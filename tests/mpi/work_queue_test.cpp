// Runs under mpirun: the work queue hands every item to exactly one rank, whichever
// asks first, even when one rank is slow to ask; asking after the end gives nothing.
#include "tests/catch.h"
#include <mpi.h>

#include <chrono>
#include <numeric>
#include <thread>
#include <vector>

#include "common/work_queue.h"

using namespace mucpt;

TEST_CASE("the work queue hands every item to exactly one rank") {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  constexpr int kItems = 50;
  std::vector<int> taken_here(kItems, 0);
  {
    WorkQueue queue(kItems);
    while (const auto item = queue.next()) {
      REQUIRE(*item < static_cast<uint64_t>(kItems));
      ++taken_here[*item];
      // Rank 0 is slow: the others take more, without rank 0 answering for the counter.
      if (rank == 0) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK_FALSE(queue.next().has_value());
  }
  std::vector<int> taken(kItems, 0);
  MPI_Allreduce(taken_here.data(), taken.data(), kItems, MPI_INT, MPI_SUM, MPI_COMM_WORLD);
  for (int i = 0; i < kItems; ++i) CHECK(taken[static_cast<size_t>(i)] == 1);
  int mine = 0;
  for (int n : taken_here) mine += n;
  std::vector<int> per_rank(static_cast<size_t>(size));
  MPI_Allgather(&mine, 1, MPI_INT, per_rank.data(), 1, MPI_INT, MPI_COMM_WORLD);
  // How the items split between ranks is up to the scheduler (on a loaded node rank 0
  // may take most of them, or another rank all): only the total is certain.
  CHECK(std::accumulate(per_rank.begin(), per_rank.end(), 0) == kItems);
}

TEST_CASE("a queue of no items gives nothing") {
  WorkQueue queue(0);
  CHECK_FALSE(queue.next().has_value());
}
