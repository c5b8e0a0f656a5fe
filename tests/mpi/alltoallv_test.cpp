// Runs under mpirun: every rank sends each other rank a stream whose content encodes
// (source, destination), in rounds small enough to force chunking.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <mpi.h>

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

int main(int argc, char** argv) {
  MpiContext mpi(&argc, &argv);
  int failed = Catch::Session().run(argc, argv);
  int any = 0;
  MPI_Allreduce(&failed, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return any == 0 ? 0 : 1;
}
