#include "tests/torch_catch.h"  // first: see there
#include <filesystem>

#include "training/compute_threads.h"
#ifdef MUCPT_HAVE_NCCL
#include "training/gpu/nccl_allreduce.h"
#endif

using namespace mucpt;

TEST_CASE("LibTorch matrix products go through OpenBLAS and match a plain loop") {
  INFO(blas_description());
  CHECK(blas_is_openblas());
  torch::manual_seed(0);
  auto a = torch::randn({64, 48}, torch::kFloat64);
  auto b = torch::randn({48, 32}, torch::kFloat64);
  auto c = torch::matmul(a, b);
  auto A = a.accessor<double, 2>();
  auto B = b.accessor<double, 2>();
  auto C = c.accessor<double, 2>();
  double worst = 0;
  for (int i = 0; i < 64; ++i)
    for (int j = 0; j < 32; ++j) {
      double sum = 0;
      for (int k = 0; k < 48; ++k) sum += A[i][k] * B[k][j];
      worst = std::max(worst, std::abs(sum - C[i][j]));
    }
  CHECK(worst < 1e-12);
}

TEST_CASE("the thread count defaults to the cores given to the rank and can be set") {
  int cores = cores_for_this_rank();
  CHECK(cores >= 1);
  CHECK(configure_compute_threads(0) == cores);
  CHECK(configure_compute_threads(1) == 1);
  CHECK(at::get_num_threads() == 1);
  configure_compute_threads(0);
}

#ifdef MUCPT_HAVE_NCCL
TEST_CASE("the GPU code path is linked and reports no device where there is none") {
  // The CUDA runtime sees one device per /dev/nvidiaN node (none here).
  int nodes = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/dev")) {
    const std::string name = entry.path().filename().string();
    nodes += name.size() > 6 && name.rfind("nvidia", 0) == 0 &&
             name.find_first_not_of("0123456789", 6) == std::string::npos;
  }
  CHECK(gpu_device_count() == nodes);
}
#endif
