#pragma once
// MPI start-up and the few collective operations the pipeline uses. Byte exchanges
// are chunked so that no MPI count ever reaches 2^31.
#include <cstdint>
#include <string>
#include <vector>

namespace mucpt {

class MpiContext {
 public:
  MpiContext(int* argc, char*** argv);
  ~MpiContext();
  MpiContext(const MpiContext&) = delete;
  MpiContext& operator=(const MpiContext&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }

 private:
  int rank_ = 0, size_ = 1;
};

void mpi_barrier();
[[noreturn]] void mpi_abort(int code);
uint64_t mpi_sum(uint64_t value);
uint64_t mpi_max(uint64_t value);
std::vector<uint64_t> mpi_allgather(uint64_t value);

// send[d] is the byte stream for rank d; returns, for each source rank, the bytes it
// sent here, in order. Each round moves at most max_round_bytes from each rank.
std::vector<std::string> mpi_alltoallv_bytes(const std::vector<std::string>& send,
                                             size_t max_round_bytes = size_t(256) << 20);

}  // namespace mucpt
