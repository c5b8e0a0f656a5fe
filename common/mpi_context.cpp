#include "common/mpi_context.h"

#include <mpi.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "common/log.h"

namespace mucpt {

bool prefers_shared_memory_transport(const std::function<const char*(const char*)>& getenv) {
  if (getenv("OMPI_MCA_pml")) return false;
  const char* size = getenv("OMPI_COMM_WORLD_SIZE");
  const char* local = getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
  if (size) return local && std::strcmp(size, local) == 0;
  // Started by srun or another PMI launcher: where the ranks are is not known yet.
  return !getenv("PMIX_RANK") && !getenv("PMI_RANK");
}

MpiContext::MpiContext(int* argc, char*** argv) {
  if (prefers_shared_memory_transport([](const char* name) { return std::getenv(name); }))
    setenv("OMPI_MCA_pml", "ob1", 0);  // read by MPI_Init below
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  set_log_rank(rank_);
}

MpiContext::~MpiContext() { MPI_Finalize(); }

int local_rank() {
  for (const char* name : {"OMPI_COMM_WORLD_LOCAL_RANK", "SLURM_LOCALID", "MPI_LOCALRANKID"})
    if (const char* value = std::getenv(name)) return std::atoi(value);
  return 0;
}

void mpi_barrier() { MPI_Barrier(MPI_COMM_WORLD); }

void mpi_abort(int code) {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::abort();
}

uint64_t mpi_sum(uint64_t value) {
  uint64_t total = 0;
  MPI_Allreduce(&value, &total, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
  return total;
}

uint64_t mpi_max(uint64_t value) {
  uint64_t result = 0;
  MPI_Allreduce(&value, &result, 1, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD);
  return result;
}

std::vector<uint64_t> mpi_allgather(uint64_t value) {
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  std::vector<uint64_t> all(static_cast<size_t>(size));
  MPI_Allgather(&value, 1, MPI_UINT64_T, all.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD);
  return all;
}

std::string mpi_broadcast(std::string value) {
  uint64_t size = value.size();
  MPI_Bcast(&size, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
  value.resize(static_cast<size_t>(size));
  for (uint64_t at = 0; at < size;) {  // in pieces, as an MPI count stays under 2^31
    const int piece = static_cast<int>(std::min<uint64_t>(size - at, uint64_t(1) << 30));
    MPI_Bcast(value.data() + at, piece, MPI_CHAR, 0, MPI_COMM_WORLD);
    at += static_cast<uint64_t>(piece);
  }
  return value;
}

std::vector<std::string> mpi_alltoallv_bytes(const std::vector<std::string>& send, size_t max_round_bytes) {
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (send.size() != static_cast<size_t>(size))
    throw std::invalid_argument("mpi_alltoallv_bytes: one send buffer per rank is needed");
  const size_t n = send.size();
  max_round_bytes = std::clamp<size_t>(max_round_bytes, n, size_t(1) << 30);
  const size_t per_peer = std::max<size_t>(1, max_round_bytes / n);

  std::vector<std::string> received(n);
  std::vector<size_t> sent(n, 0);
  std::vector<int> send_counts(n), recv_counts(n), send_displs(n), recv_displs(n);
  std::string send_buf, recv_buf;
  for (;;) {
    uint64_t remaining = 0;
    for (size_t d = 0; d < n; ++d) remaining += send[d].size() - sent[d];
    if (mpi_max(remaining) == 0) break;

    send_buf.clear();
    for (size_t d = 0; d < n; ++d) {
      size_t take = std::min(per_peer, send[d].size() - sent[d]);
      send_displs[d] = static_cast<int>(send_buf.size());
      send_counts[d] = static_cast<int>(take);
      send_buf.append(send[d], sent[d], take);
      sent[d] += take;
    }
    MPI_Alltoall(send_counts.data(), 1, MPI_INT, recv_counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
    size_t total = 0;
    for (size_t s = 0; s < n; ++s) {
      recv_displs[s] = static_cast<int>(total);
      total += static_cast<size_t>(recv_counts[s]);
    }
    recv_buf.resize(total);
    MPI_Alltoallv(send_buf.data(), send_counts.data(), send_displs.data(), MPI_BYTE, recv_buf.data(),
                  recv_counts.data(), recv_displs.data(), MPI_BYTE, MPI_COMM_WORLD);
    for (size_t s = 0; s < n; ++s)
      received[s].append(recv_buf, static_cast<size_t>(recv_displs[s]), static_cast<size_t>(recv_counts[s]));
  }
  return received;
}

}  // namespace mucpt
