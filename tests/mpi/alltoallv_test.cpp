// Runs under mpirun: every rank sends each other rank a stream whose content encodes
// (source, destination), in rounds small enough to force chunking.
#include "tests/catch.h"
#include <mpi.h>

#include <cstdlib>
#include <map>

#include "common/mpi_context.h"

using namespace mucpt;

namespace {
std::string payload(int from, int to, size_t bytes) {
  std::string s(bytes, '\0');
  for (size_t i = 0; i < bytes; ++i) s[i] = static_cast<char>((from * 31 + to * 7 + i) % 251);
  return s;
}
}  // namespace

TEST_CASE("chunked alltoallv delivers every byte in order") {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  for (size_t round_limit : {size_t(64), size_t(1000), size_t(1) << 20}) {
    std::vector<std::string> send(static_cast<size_t>(size));
    for (int d = 0; d < size; ++d) send[static_cast<size_t>(d)] = payload(rank, d, 5000 + static_cast<size_t>(d * 333 + rank));
    auto received = mpi_alltoallv_bytes(send, round_limit);
    REQUIRE(received.size() == static_cast<size_t>(size));
    for (int s = 0; s < size; ++s)
      CHECK(received[static_cast<size_t>(s)] == payload(s, rank, 5000 + static_cast<size_t>(rank * 333 + s)));
  }
}

TEST_CASE("sums and gathers agree on every rank") {
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  CHECK(mpi_sum(static_cast<uint64_t>(rank + 1)) == static_cast<uint64_t>(size * (size + 1) / 2));
  auto all = mpi_allgather(static_cast<uint64_t>(rank * 10));
  for (int r = 0; r < size; ++r) CHECK(all[static_cast<size_t>(r)] == static_cast<uint64_t>(r * 10));
}

TEST_CASE("a broadcast gives every rank rank 0's value, whatever each rank held") {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  CHECK(mpi_broadcast(rank == 0 ? "done" : "") == "done");
  CHECK(mpi_broadcast(rank == 0 ? "" : "done") == "");
  CHECK(mpi_broadcast(payload(rank, 0, 100000 + static_cast<size_t>(rank))) == payload(0, 0, 100000));
}

TEST_CASE("ob1 is chosen only where every rank is known to share one node and no transport was set") {
  using Env = std::map<std::string, std::string>;
  const auto choice = [](const Env& env) {
    return prefers_shared_memory_transport([&env](const char* name) -> const char* {
      const auto it = env.find(name);
      return it == env.end() ? nullptr : it->second.c_str();
    });
  };
  CHECK(choice({{"OMPI_COMM_WORLD_SIZE", "4"}, {"OMPI_COMM_WORLD_LOCAL_SIZE", "4"}}));
  CHECK_FALSE(choice({{"OMPI_COMM_WORLD_SIZE", "8"}, {"OMPI_COMM_WORLD_LOCAL_SIZE", "4"}}));  // two nodes
  CHECK_FALSE(choice({{"OMPI_COMM_WORLD_SIZE", "4"}}));
  CHECK_FALSE(choice({{"OMPI_COMM_WORLD_SIZE", "2"}, {"OMPI_COMM_WORLD_LOCAL_SIZE", "2"}, {"OMPI_MCA_pml", "ucx"}}));
  CHECK(choice({}));  // one process, no launcher
  CHECK_FALSE(choice({{"PMIX_RANK", "0"}}));  // srun's direct launch
  CHECK_FALSE(choice({{"PMI_RANK", "3"}}));
  // This test runs under mpirun on one node.
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  CHECK(std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE") == std::to_string(size));
}
