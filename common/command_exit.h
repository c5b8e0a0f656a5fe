#pragma once
// The exit codes every MPI command shares: 0 done, 2 the user must act (bad option,
// input or model: the message names it, printed once by rank 0), and for any other
// fault every rank is stopped with code 1 rather than left waiting in a collective.
#include <functional>

#include "common/mpi_context.h"

namespace mucpt {

int run_with_exit_codes(const MpiContext& mpi, const std::function<int()>& body);

}  // namespace mucpt
