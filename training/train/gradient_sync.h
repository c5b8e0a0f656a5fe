#pragma once
// Data-parallel gradient averaging over MPI ranks: every gradient is packed into one
// buffer, summed with MPI_Allreduce (in chunks, so no count reaches 2^31) and divided
// by the number of ranks. Every rank then holds the same gradient and, after the same
// optimizer step, the same parameters.
#include <torch/torch.h>

#include <string>

namespace mucpt {

void average_gradients(const torch::OrderedDict<std::string, torch::Tensor>& parameters, int ranks);

// Sums a few numbers (losses, token counts) over the ranks.
void sum_over_ranks(std::vector<double>& values);

}  // namespace mucpt
