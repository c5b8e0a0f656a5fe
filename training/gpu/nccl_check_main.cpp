// nccl_check: averages a float buffer over the ranks' GPUs through NcclAllReduce, the
// path train's gradients take between GPUs (NCCL's unique id handed out by MPI), checks
// every element against the exact mean, and reports the all-reduce's bandwidth as
// nccl-tests does (bus bandwidth: algorithm bandwidth x 2 (n - 1) / n).
// Run with `mpirun -np N nccl_check [--floats F] [--iterations K]`, one GPU per rank.
#include <cuda_runtime_api.h>
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "common/command_exit.h"
#include "common/declared_options.h"
#include "common/errors.h"
#include "common/json_writer.h"
#include "training/gpu/nccl_allreduce.h"

namespace {

struct CheckOptions {
  int64_t floats = int64_t(1) << 26;  // 256 MiB, where NCCL reaches its bandwidth
  int64_t iterations = 10;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("floats", floats, "floats averaged in each all-reduce");
    v("iterations", iterations, "timed all-reduces, after one that is checked");
  }
};

void check_cuda(cudaError_t e, const std::string& what) {
  if (e != cudaSuccess) throw std::runtime_error(what + ": " + cudaGetErrorString(e));
}

// Rank r holds (r + 1) (1 + i mod 3) at element i: the mean over n ranks is
// (n + 1) / 2 (1 + i mod 3), exact in float for any n a job has.
float value_at(int64_t i, int rank) { return static_cast<float>(rank + 1) * static_cast<float>(1 + i % 3); }

int run(const mucpt::MpiContext& mpi, const CheckOptions& options) {
  if (options.floats < 1 || options.iterations < 1) throw mucpt::ConfigError("floats and iterations: at least 1");
  const int gpus = mucpt::gpu_device_count();
  if (gpus == 0) throw mucpt::UserError("nccl_check: no GPU is visible to rank " + std::to_string(mpi.rank()) +
                                        " (CUDA_VISIBLE_DEVICES, driver)");
  const int device = mucpt::local_rank() % gpus;
  const size_t count = static_cast<size_t>(options.floats);
  std::vector<float> host(count);
  for (size_t i = 0; i < count; ++i) host[i] = value_at(static_cast<int64_t>(i), mpi.rank());

  mucpt::NcclAllReduce nccl(mpi.rank(), mpi.size(), device);  // sets the rank's device
  float* buffer = nullptr;
  check_cuda(cudaMalloc(reinterpret_cast<void**>(&buffer), count * sizeof(float)), "cudaMalloc");
  check_cuda(cudaMemcpy(buffer, host.data(), count * sizeof(float), cudaMemcpyHostToDevice), "cudaMemcpy to GPU");
  nccl.mean(buffer, count, nullptr);
  check_cuda(cudaMemcpy(host.data(), buffer, count * sizeof(float), cudaMemcpyDeviceToHost), "cudaMemcpy from GPU");
  double error = 0;
  const float half_n_plus_1 = static_cast<float>(mpi.size() + 1) / 2;
  for (size_t i = 0; i < count; ++i)
    error = std::max(error, static_cast<double>(std::fabs(host[i] - half_n_plus_1 * (1 + i % 3))));

  // The buffer now holds the same values on every rank: averaging it again keeps them.
  MPI_Barrier(MPI_COMM_WORLD);
  const auto started = std::chrono::steady_clock::now();
  for (int64_t k = 0; k < options.iterations; ++k) nccl.mean(buffer, count, nullptr);
  check_cuda(cudaDeviceSynchronize(), "cudaDeviceSynchronize");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  MPI_Allreduce(MPI_IN_PLACE, &seconds, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  MPI_Allreduce(MPI_IN_PLACE, &error, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
  check_cuda(cudaFree(buffer), "cudaFree");

  const double per_reduce = seconds / static_cast<double>(options.iterations);
  const double algorithm_gb_s = static_cast<double>(count * sizeof(float)) / per_reduce / 1e9;
  const double bus_gb_s = algorithm_gb_s * 2.0 * (mpi.size() - 1) / mpi.size();
  if (mpi.rank() == 0) {
    std::string line;
    mucpt::JsonWriter json(line);
    json.begin_object().field("ranks", mpi.size()).field("floats", options.floats).field("max_abs_error", error);
    json.field("seconds_per_allreduce", per_reduce).field("algorithm_gb_per_s", algorithm_gb_s);
    json.field("bus_gb_per_s", bus_gb_s).end_object();
    std::cout << line << std::endl;
  }
  return error == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  mucpt::MpiContext mpi(&argc, &argv);
  mucpt::Config config(
      "nccl_check: the mean of a float buffer over the ranks' GPUs through NCCL, checked element by element, and "
      "its bandwidth\nUsage: mpirun -np N nccl_check [--floats F] [--iterations K]");
  mucpt::register_options<CheckOptions>(config);
  return mucpt::run_with_exit_codes(mpi, [&] {
    if (!config.parse(argc, argv, mpi.rank() == 0 ? std::cout : std::clog)) return 0;
    return run(mpi, mucpt::read_options<CheckOptions>(config));
  });
}
