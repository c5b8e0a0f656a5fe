#include "common/work_queue.h"

#include <mpi.h>

#include <exception>

namespace mucpt {

struct WorkQueue::Window {
  MPI_Win win = MPI_WIN_NULL;
  uint64_t* counter = nullptr;  // on rank 0; the other ranks expose nothing
};

WorkQueue::WorkQueue(uint64_t items) : items_(items), window_(std::make_unique<Window>()) {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  const MPI_Aint bytes = rank == 0 ? sizeof(uint64_t) : 0;
  MPI_Win_allocate(bytes, sizeof(uint64_t), MPI_INFO_NULL, MPI_COMM_WORLD, &window_->counter, &window_->win);
  if (rank == 0) *window_->counter = 0;
  MPI_Barrier(MPI_COMM_WORLD);  // the counter is set before anyone takes from it
  MPI_Win_lock_all(MPI_MODE_NOCHECK, window_->win);
}

WorkQueue::~WorkQueue() {
  // Unwinding from an error, the process is about to end every rank (command_exit):
  // the collective free would wait for ranks that never come.
  if (std::uncaught_exceptions() == 0) {
    MPI_Win_unlock_all(window_->win);
    MPI_Win_free(&window_->win);
  }
}

std::optional<uint64_t> WorkQueue::next() {
  const uint64_t one = 1;
  uint64_t taken = 0;
  MPI_Fetch_and_op(&one, &taken, MPI_UINT64_T, 0, 0, MPI_SUM, window_->win);
  MPI_Win_flush(0, window_->win);
  if (taken >= items_) return std::nullopt;
  return taken;
}

}  // namespace mucpt
