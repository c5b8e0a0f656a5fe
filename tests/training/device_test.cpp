// --device: the names it takes, what auto gives, a cuda this build cannot give refused
// with what to do (train and score exit 2 saying so), the local rank that picks a GPU,
// the NCCL gradient path compiled into train when the build has a CUDA LibTorch and NCCL, and
// nccl_check, which runs that path alone.
#include "tests/torch_catch.h"  // first: see there
#include <torch/cuda.h>

#include <cstdlib>
#include <string>

#include "common/config.h"
#include "tests/test_support.h"
#include "training/device.h"
#include "training/train/gradient_sync.h"
#ifdef MUCPT_HAVE_NCCL
#include "training/gpu/nccl_allreduce.h"
#endif

using namespace mucpt;

namespace {
// train and score asked for --device cuda exit 2 with `message`, before reading anything.
void train_and_score_refuse_cuda_saying(const std::string& message) {
  for (const char* command : {"train --output /nonexistent/run", "score"}) {
    auto r = testing::run_command(testing::build_dir() + "/" + command + " --model /nonexistent --data /nonexistent " +
                                  "--device cuda");
    INFO(command << ": " << r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(message));
  }
}
}  // namespace

TEST_CASE("cpu and auto resolve to what this build and machine have, and other names are refused") {
  CHECK(resolve_device("cpu") == c10::Device(c10::DeviceType::CPU));
  const bool gpu = libtorch_has_cuda() && torch::cuda::device_count() > 0;
  CHECK(resolve_device("auto").is_cuda() == gpu);
  CHECK_THROWS_WITH(resolve_device("gpu"), Catch::Contains("device must be cpu, cuda or auto, not 'gpu'"));
  CHECK_THROWS_AS(resolve_device("gpu"), ConfigError);
}

TEST_CASE("cuda on a LibTorch without CUDA: refused naming the missing support, by train and score too") {
  if (libtorch_has_cuda()) {
    WARN("skipped: this LibTorch has CUDA");
    return;
  }
  CHECK_THROWS_AS(resolve_device("cuda"), UserError);
  CHECK_THROWS_WITH(resolve_device("cuda"), Catch::Contains("LibTorch has no CUDA support"));
  train_and_score_refuse_cuda_saying("--device cuda: this build's LibTorch has no CUDA support");
}

TEST_CASE("cuda on a CUDA LibTorch: the local rank's GPU, or refused by train and score when none is visible") {
  if (!libtorch_has_cuda()) {
    WARN("skipped: this LibTorch has no CUDA");
    return;
  }
  const int gpus = static_cast<int>(torch::cuda::device_count());
  if (gpus > 0) {
    CHECK(resolve_device("cuda") == c10::Device(c10::DeviceType::CUDA, local_rank() % gpus));
    CHECK(resolve_device("auto").is_cuda());
    return;
  }
  CHECK_THROWS_AS(resolve_device("cuda"), UserError);
  CHECK_THROWS_WITH(resolve_device("cuda"), Catch::Contains("--device cuda: no GPU is visible to this process"));
  train_and_score_refuse_cuda_saying("--device cuda: no GPU is visible to this process");
}

TEST_CASE("the local rank comes from Open MPI's, then Slurm's variable") {
  const char* saved = std::getenv("OMPI_COMM_WORLD_LOCAL_RANK");
  const std::string restore = saved ? saved : "";
  setenv("OMPI_COMM_WORLD_LOCAL_RANK", "3", 1);
  CHECK(local_rank() == 3);
  unsetenv("OMPI_COMM_WORLD_LOCAL_RANK");
  setenv("SLURM_LOCALID", "2", 1);
  CHECK(local_rank() == 2);
  unsetenv("SLURM_LOCALID");
  if (!restore.empty()) setenv("OMPI_COMM_WORLD_LOCAL_RANK", restore.c_str(), 1);
}

#ifdef MUCPT_HAVE_NCCL
TEST_CASE("the NCCL gradient all-reduce is compiled into train exactly when LibTorch has CUDA") {
  // NCCL and CUDA's toolkit alone are not enough: a CPU LibTorch never puts a parameter
  // on a GPU, and its gradients stay with MPI.
  CHECK(gradient_sync_uses_nccl() == libtorch_has_cuda());
  if (gradient_sync_uses_nccl()) {  // the sync's own call, not only the class's destructor
    auto r = testing::run_command("nm -C " + testing::build_dir() + "/train | grep -c 'mucpt::NcclAllReduce::mean'");
    INFO(r.output);
    CHECK(std::stoi(r.output) >= 1);
  }
}

TEST_CASE("nccl_check averages a buffer through NCCL on a GPU, and where none is visible exits 2 saying so") {
  auto r = testing::run_command(testing::build_dir() + "/nccl_check --floats 1000 --iterations 2");
  INFO(r.output);
  if (gpu_device_count() > 0) {
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("\"ranks\":1,\"floats\":1000,\"max_abs_error\":0"));
  } else {
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("nccl_check: no GPU is visible to rank 0"));
  }
}
#endif

TEST_CASE("evaluate --device cuda on a LibTorch without CUDA: refused before any work, for every model command") {
  if (libtorch_has_cuda()) {
    WARN("skipped: this LibTorch has CUDA");
    return;
  }
  for (const char* command : {"evaluate --benchmark /nonexistent --output /nonexistent/out",
                              "evaluate perplexity --data /nonexistent --output /nonexistent/out",
                              "evaluate generate --prompt hello"}) {
    auto r = testing::run_command(testing::build_dir() + "/" + command + " --model /nonexistent --device cuda");
    INFO(command << ": " << r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("--device cuda: this build's LibTorch has no CUDA support"));
  }
}
