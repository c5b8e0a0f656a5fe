// Token weighting is exact across rank counts: one rank with batch 4 and two ranks with
// batch 2 reach the same parameters for ntp, hard (Rho-1's top tokens over the global
// batch) and soft (weights normalised over the global batch).
#include "tests/torch_catch.h"  // first: see there

#include <filesystem>
#include <fstream>

#include "common/megatron/indexed_dataset_writer.h"
#include "tests/test_support.h"
#include "tests/training/parameter_difference.h"

using namespace mucpt;
namespace fs = std::filesystem;

namespace {

// Documents of different lengths, so the windows hold different amounts of easy text.
std::string make_dataset(const std::string& dir) {
  fs::create_directories(dir);
  IndexedDatasetWriter writer(dir + "/rank-00000", 512, 2);
  for (int d = 0; d < 10; ++d) {
    std::vector<int32_t> doc;
    for (int i = 0; i < 40 + 9 * d; ++i) doc.push_back(3 + (d * 53 + i * (i % 7 == 0 ? 29 : 11)) % 500);
    writer.add_document(doc);
  }
  writer.commit();
  std::ofstream(dir + "/dataset.json") << R"({"shards":[{"shard":"rank-00000"}]})";
  return dir;
}

testing::CommandResult run(int ranks, const std::string& args) {
  return testing::run_command("mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " " +
                              testing::build_dir() + "/" + args);
}

}  // namespace

TEST_CASE("1 rank x batch 4 and 2 ranks x batch 2 reach the same parameters in every weighting mode") {
  MUCPT_REQUIRE_SHARED_DATA(shared);
  const std::string model = shared + "/models/stories260K";
  const std::string root = testing::scratch_dir("weighting_parity");
  const std::string data = make_dataset(root + "/data");
  auto scored = run(2, "score --model " + model + " --data " + data + " --seq_len 32 --threads 1");
  INFO(scored.output);
  REQUIRE(scored.exit_code == 0);
  for (const char* mode : {"ntp", "hard", "soft"}) {
    INFO(mode);
    const std::string common = "train --model " + model + " --data " + data +
                               " --seq_len 32 --steps 5 --lr 0.003 --warmup 1 --threads 1 --weighting.mode " + mode;
    const std::string one = root + "/" + mode + "-1x4", two = root + "/" + mode + "-2x2";
    auto a = run(1, common + " --batch_size 4 --output " + one);
    INFO(a.output);
    REQUIRE(a.exit_code == 0);
    auto b = run(2, common + " --batch_size 2 --output " + two);
    INFO(b.output);
    REQUIRE(b.exit_code == 0);
    // Float sums in another order, amplified by Adam on tiny gradients, stay below 1e-4
    // (measured: ntp 4.5e-6, hard 1.0e-5, soft 6.3e-5); weights taken per rank instead of
    // over the global batch differ by 0.019 (hard) and 0.0072 (soft).
    CHECK(testing::max_parameter_difference(one + "/checkpoint-000005", two + "/checkpoint-000005") < 1e-4);
    // The runs moved the model: the comparison is not between two untouched copies.
    CHECK(testing::max_parameter_difference(model, one + "/checkpoint-000005") > 1e-3);
  }
}
