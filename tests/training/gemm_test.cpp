// The CPU matrix product, through oneDNN's sgemm where the build links LibTorch's oneDNN
// and through LibTorch otherwise: both against a float64 product, in every transpose,
// with alpha, beta and leading dimensions wider than the matrices; and the programs load
// one oneDNN at most, LibTorch's (cmake/OneDnnGemm.cmake).
#include "tests/torch_catch.h"  // first: see there

#include <cmath>
#include <limits>
#include <string>

#include "tests/test_support.h"
#include "training/model/gemm.h"

using namespace mucpt;

namespace {
// Storage for a rows x cols matrix (cols x rows when transposed) with leading dimension
// ld > its width, the padding filled with NaN so a read past the width shows.
torch::Tensor stored(int64_t rows, int64_t cols, bool transposed, int64_t ld) {
  const int64_t stored_rows = transposed ? cols : rows, stored_cols = transposed ? rows : cols;
  auto storage = torch::full({stored_rows, ld}, std::numeric_limits<float>::quiet_NaN());
  storage.narrow(1, 0, stored_cols).copy_(torch::randn({stored_rows, stored_cols}));
  return storage;
}

torch::Tensor logical(const torch::Tensor& storage, int64_t rows, int64_t cols, bool transposed) {
  return transposed ? storage.narrow(1, 0, rows).t() : storage.narrow(1, 0, cols);
}
}  // namespace

TEST_CASE("sgemm and the product through LibTorch equal a float64 product in every transpose") {
  using Product = void (*)(bool, bool, int64_t, int64_t, int64_t, float, const float*, int64_t, const float*,
                           int64_t, float, float*, int64_t);
  const int64_t M = 7, N = 5, K = 9, lda = 12, ldb = 11, ldc = 8;
  for (Product product : {&sgemm, &sgemm_through_libtorch})
    for (bool ta : {false, true})
      for (bool tb : {false, true})
        for (float beta : {0.0f, 0.5f}) {
          torch::manual_seed(3);
          auto a = stored(M, K, ta, lda), b = stored(K, N, tb, ldb);
          auto c = torch::randn({M, ldc});
          // beta 0: C is not read, so NaN in it stays out of the result.
          if (beta == 0.0f) c.fill_(std::numeric_limits<float>::quiet_NaN());
          const auto c_before = c.narrow(1, 0, N).to(torch::kDouble);
          const float alpha = 1.5f;
          auto expected = alpha * torch::mm(logical(a, M, K, ta).to(torch::kDouble),
                                            logical(b, K, N, tb).to(torch::kDouble));
          if (beta != 0.0f) expected += beta * c_before;
          product(ta, tb, M, N, K, alpha, a.data_ptr<float>(), lda, b.data_ptr<float>(), ldb, beta,
                  c.data_ptr<float>(), ldc);
          INFO("through LibTorch " << (product == &sgemm_through_libtorch) << ", transpose a " << ta << ", b " << tb
                                   << ", beta " << beta);
          CHECK((c.narrow(1, 0, N).to(torch::kDouble) - expected).abs().max().item<double>() < 1e-5);
          if (beta == 0.0f) CHECK(c.narrow(1, N, ldc - N).isnan().all().item<bool>());  // past N untouched
        }
}

TEST_CASE("train loads one oneDNN at most, and calls its sgemm exactly where LibTorch links a oneDNN") {
  const std::string train = testing::build_dir() + "/train";
  const auto count = [](const std::string& command) {
    const auto r = testing::run_command(command);
    INFO(command << ": " << r.output);
    return std::stoi(r.output);
  };
  CHECK(count("ldd " + train + " | grep -c libdnnl") <= 1);  // two would interpose on each other
  const bool torch_links_onednn =
      count("objdump -p $(ldd " + train + " | awk '/libtorch_cpu/ {print $3}') | grep -c 'NEEDED.*libdnnl'") > 0;
  const bool train_calls_sgemm = count("nm -D --undefined-only " + train + " | grep -c dnnl_sgemm") > 0;
  CHECK(train_calls_sgemm == torch_links_onednn);
}
