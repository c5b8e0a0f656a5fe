#pragma once
// MPI start-up and the few collective operations the pipeline uses. Byte exchanges
// are chunked so that no MPI count ever reaches 2^31.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mucpt {

// Whether Open MPI is to take its ob1 shared-memory transport: every rank on one node
// (mpirun's OMPI_COMM_WORLD_LOCAL_SIZE equals OMPI_COMM_WORLD_SIZE, or one process
// started without a launcher) and no transport chosen (OMPI_MCA_pml unset). There its
// default selection only probes UCX (~0.2 s a start) to move data through shared memory
// as ob1 does; across nodes, or under srun's direct launch, it is left to choose.
bool prefers_shared_memory_transport(const std::function<const char*(const char*)>& getenv);

class MpiContext {
 public:
  // Initializes MPI, on one node with ob1 (prefers_shared_memory_transport).
  MpiContext(int* argc, char*** argv);
  ~MpiContext();
  MpiContext(const MpiContext&) = delete;
  MpiContext& operator=(const MpiContext&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0, size_ = 1;
};

// The rank's index among the ranks of its node: OMPI_COMM_WORLD_LOCAL_RANK, SLURM_LOCALID
// or MPI_LOCALRANKID, else 0 (what picks a rank's GPU).
int local_rank();

void mpi_barrier();
[[noreturn]] void mpi_abort(int code);
uint64_t mpi_sum(uint64_t value);
uint64_t mpi_max(uint64_t value);
std::vector<uint64_t> mpi_allgather(uint64_t value);
// Rank 0's value, on every rank: for what ranks must agree on (whether to enter a
// collective step) but could each see differently, as files on a shared file system.
std::string mpi_broadcast(std::string value);

// send[d] is the byte stream for rank d; returns, for each source rank, the bytes it
// sent here, in order. Each round moves at most max_round_bytes from each rank.
std::vector<std::string> mpi_alltoallv_bytes(const std::vector<std::string>& send,
                                             size_t max_round_bytes = size_t(256) << 20);

}  // namespace mucpt
