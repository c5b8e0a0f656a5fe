// Runs under mpirun: each rank's gradients are known numbers, so their mean over the
// ranks is known exactly; the gradients stay views into one buffer through backward
// passes, averaging and zeroing.
#include "tests/torch_catch.h"  // first: see there

#include <mpi.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "training/train/adamw.h"
#include "training/train/gradient_sync.h"

using namespace mucpt;

namespace {

int world_rank() {
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  return rank;
}

int world_size() {
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return size;
}

struct Parameters {
  torch::OrderedDict<std::string, torch::Tensor> named;
  std::vector<torch::Tensor> used;  // the ones the loss reads
};

// Three parameters the loss reads and one it does not ("unused").
Parameters make_parameters() {
  Parameters p;
  const std::vector<std::pair<std::string, std::vector<int64_t>>> shapes{
      {"a", {3, 4}}, {"unused", {2}}, {"b", {5}}, {"c", {2, 2}}};
  for (const auto& [name, shape] : shapes) {
    auto t = torch::ones(shape, torch::kFloat32).requires_grad_(true);
    p.named.insert(name, t);
    if (name != "unused") p.used.push_back(t);
  }
  return p;
}

// Rank r's gradient of used parameter i: (r + 1) * [0, 1, 2, ...] + i, small integers.
torch::Tensor rank_gradient(const torch::Tensor& param, int64_t i, int rank) {
  return (torch::arange(param.numel(), torch::kFloat32) * (rank + 1) + double(i)).view_as(param);
}

// The loss whose gradient is rank_gradient for every used parameter.
void backward_on_rank(const Parameters& p, int rank) {
  auto loss = torch::zeros({}, torch::kFloat32);
  for (size_t i = 0; i < p.used.size(); ++i)
    loss = loss + (p.used[i] * rank_gradient(p.used[i], int64_t(i), rank)).sum();
  loss.backward();
}

// The mean over `ranks` of rank_gradient, times the backward passes taken: exact in
// float32 for these small integers (the mean of (r + 1) is (ranks + 1) / 2).
torch::Tensor mean_gradient(const torch::Tensor& param, int64_t i, int ranks, int passes) {
  return ((torch::arange(param.numel(), torch::kFloat32) * ((ranks + 1) / 2.0) + double(i)) * passes)
      .view_as(param);
}

std::vector<const void*> gradient_addresses(const Parameters& p) {
  std::vector<const void*> out;
  for (const auto& item : p.named) out.push_back(item.value().grad().data_ptr());
  return out;
}

}  // namespace

TEST_CASE("gradient sync: each gradient becomes the exact mean over the ranks, in place in one buffer") {
  const int rank = world_rank(), ranks = world_size();
  REQUIRE(ranks > 1);
  Parameters p = make_parameters();
  GradientSync sync(p.named, rank, ranks);

  // Every gradient is defined from the start, laid end to end in one buffer.
  const auto addresses = gradient_addresses(p);
  const char* base = static_cast<const char*>(addresses.front());
  int64_t offset = 0, k = 0;
  for (const auto& item : p.named) {
    CHECK(static_cast<const char*>(addresses[k++]) == base + offset * int64_t(sizeof(float)));
    CHECK(torch::equal(item.value().grad(), torch::zeros_like(item.value())));
    offset += item.value().numel();
  }

  AdamW optimizer(p.named, {});
  for (int round = 0; round < 2; ++round) {
    optimizer.zero_grad();
    backward_on_rank(p, rank);  // two micro-batches accumulate
    backward_on_rank(p, rank);
    CHECK(gradient_addresses(p) == addresses);  // the backward accumulated in place
    sync.average();
    CHECK(gradient_addresses(p) == addresses);
    for (size_t i = 0; i < p.used.size(); ++i)
      CHECK(torch::equal(p.used[i].grad(), mean_gradient(p.used[i], int64_t(i), ranks, 2)));
    const auto unused = p.named["unused"];
    CHECK(torch::equal(unused.grad(), torch::zeros_like(unused)));
  }
}

TEST_CASE("gradient sync: a gradient set to none or replaced is named before any rank reduces") {
  const int rank = world_rank(), ranks = world_size();
  Parameters p = make_parameters();
  GradientSync sync(p.named, rank, ranks);
  backward_on_rank(p, rank);
  p.named["b"].mutable_grad() = torch::Tensor();
  CHECK_THROWS_WITH(sync.average(), Catch::Contains("gradient of b is no longer a view"));
  p.named["b"].mutable_grad() = torch::zeros_like(p.named["b"]);  // replaced, not a view
  CHECK_THROWS_WITH(sync.average(), Catch::Contains("gradient of b is no longer a view"));
}

TEST_CASE("gradient sync: gradients held before it are kept, and one rank leaves them alone") {
  const int rank = world_rank(), ranks = world_size();
  {
    Parameters p = make_parameters();
    backward_on_rank(p, rank);
    GradientSync sync(p.named, rank, ranks);
    sync.average();
    for (size_t i = 0; i < p.used.size(); ++i)
      CHECK(torch::equal(p.used[i].grad(), mean_gradient(p.used[i], int64_t(i), ranks, 1)));
  }
  {
    Parameters p = make_parameters();
    GradientSync alone(p.named, rank, 1);
    CHECK_FALSE(p.named["a"].grad().defined());
    backward_on_rank(p, rank);
    alone.average();
    for (size_t i = 0; i < p.used.size(); ++i)
      CHECK(torch::equal(p.used[i].grad(), rank_gradient(p.used[i], int64_t(i), rank)));
  }
}

TEST_CASE("gradient sync: parameters that are not float32 are refused by name") {
  torch::OrderedDict<std::string, torch::Tensor> named;
  named.insert("w", torch::ones({2}, torch::kBFloat16).requires_grad_(true));
  CHECK_THROWS_WITH(GradientSync(named, world_rank(), world_size()), Catch::Contains("parameter w is not float32"));
}
