#pragma once
// The exit codes every MPI command shares: 0 done, 2 the user must act (bad option,
// input or model, a file that cannot be read or written: the message names it), 1 an
// internal fault. An error met by any
// rank ends every rank with that code, so no rank is left waiting in a collective,
// and its message is printed by the rank that met it.
#include <functional>

#include "common/mpi_context.h"

namespace mucpt {

int run_with_exit_codes(const MpiContext& mpi, const std::function<int()>& body);

}  // namespace mucpt
