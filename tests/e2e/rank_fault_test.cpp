// A fault met by the last rank alone ends every rank promptly, with exit code 2 and the
// message (naming the file) printed by that rank: no rank is left waiting in a
// collective. Each fault is real: a token outside the model's vocabulary in a window
// only the last rank reads, or a directory where the last rank must write a file.
// score checks the vocabulary collectively, so there rank 0 reports what the last
// rank found.
#include "tests/torch_catch.h"  // first: see there

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/megatron/indexed_dataset_writer.h"
#include "tests/test_support.h"
#include "training/data/batches.h"
#include "training/data/token_windows.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int64_t kSeqLen = 16;
constexpr int32_t kOutsideVocab = 600;  // stories260K has 512 tokens

// A hang shows as exit 124 instead of a test that never ends.
testing::CommandResult run_ranks(int ranks, const std::string& command) {
  return testing::run_command("timeout 120 mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) +
                              " " + command);
}

void check_ended_with_exit_2(const testing::CommandResult& r, const std::string& names) {
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains(names));
}

void check_ended_by_last_rank(const testing::CommandResult& r, int ranks, const std::string& names) {
  check_ended_with_exit_2(r, names);
  INFO(r.output);
  CHECK_THAT(r.output, Catch::Contains("rank " + std::to_string(ranks - 1) + " error]"));
}

// One shard of 12 windows of ordinary tokens, with `bad_position` (if any) outside the vocabulary.
std::string write_tokens(const std::string& dir, int64_t bad_position) {
  fs::create_directories(dir);
  std::vector<int32_t> ids(static_cast<size_t>(12 * kSeqLen + 1));
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = int32_t(3 + (i * 37) % 500);
  if (bad_position >= 0) ids[static_cast<size_t>(bad_position)] = kOutsideVocab;
  IndexedDatasetWriter writer(dir + "/rank-00000", 1000, -1);
  writer.add_document(ids);
  writer.commit();
  std::ofstream(dir + "/dataset.json") << json{{"shards", {{{"shard", "rank-00000"}}}}}.dump();
  return dir;
}

const std::string& world() {
  static std::string dir = [] {
    std::string d = testing::scratch_dir("rank_fault_world");
    auto r = testing::run_command(testing::build_dir() + "/synth --docs 300 --seed 5 --output " + d);
    REQUIRE(r.exit_code == 0);
    return d;
  }();
  return dir;
}

}  // namespace

TEST_CASE("curate: the last rank cannot write its marker, and every rank ends with exit 2") {
  for (int ranks : {2, 3}) {
    std::string out = testing::scratch_dir("rank_fault_curate_np" + std::to_string(ranks));
    const std::string blocked = out + "/markers/stream.rank-" + std::to_string(ranks - 1) + ".done";
    fs::create_directories(blocked);
    auto r = run_ranks(ranks, testing::build_dir() + "/curate --manifest " + world() + "/manifest.json --output " +
                                  out + " --curate.progress=false");
    check_ended_by_last_rank(r, ranks, blocked);
    CHECK(!fs::exists(out + "/report.json"));
  }
}

TEST_CASE("score: a token outside the vocabulary in a window only the last rank scores") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string model = data + "/models/stories260K";
  for (int ranks : {2, 3}) {
    // The ranks share the vocabulary scan by token ranges and the windows in turn: the
    // middle of window 11, the shard's last, is the last rank's both ways for 2 and 3
    // ranks. The scan is collective: the ranks agree on the first bad position and
    // rank 0 reports it for all.
    const int64_t bad = 11 * kSeqLen + kSeqLen / 2;
    std::string dir = write_tokens(testing::scratch_dir("rank_fault_score_np" + std::to_string(ranks)), bad);
    auto r = run_ranks(ranks, testing::build_dir() + "/score --model " + model + " --data " + dir +
                                  " --seq_len " + std::to_string(kSeqLen) + " --batch_size 1 --threads 1");
    check_ended_with_exit_2(r, dir + "/rank-00000.bin: token " + std::to_string(bad) + " is id 600");
  }
}

TEST_CASE("train: a token outside the vocabulary in a window only the last rank reads") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string model = data + "/models/stories260K";
  for (int ranks : {2, 3}) {
    std::string root = testing::scratch_dir("rank_fault_train_np" + std::to_string(ranks));
    // Which window the last rank reads at step 0 follows from the data's shape and the seed.
    std::string clean = write_tokens(root + "/clean", -1);
    TokenWindows windows(shards_of_dataset(clean), kSeqLen);
    BatchSource batches(windows, 1, ranks - 1, ranks, 7, false, 512);
    const Window w = windows.at(batches.windows_at_step(0).at(0));
    std::string dir = write_tokens(root + "/data", static_cast<int64_t>(w.start) + kSeqLen / 2);
    auto r = run_ranks(ranks, testing::build_dir() + "/train --model " + model + " --data " + dir + " --output " +
                                  root + "/run --seq_len " + std::to_string(kSeqLen) +
                                  " --batch_size 1 --steps 3 --seed 7 --threads 1");
    check_ended_by_last_rank(r, ranks, dir + "/rank-00000.bin");
    CHECK_THAT(r.output, Catch::Contains("position " + std::to_string(w.start + kSeqLen / 2)));
  }
}

TEST_CASE("evaluate: the last rank cannot write its graded part, and every rank ends with exit 2") {
  for (int ranks : {2, 3}) {
    std::string dir = testing::scratch_dir("rank_fault_evaluate_np" + std::to_string(ranks));
    {
      std::ofstream bench(dir + "/bench.jsonl"), predictions(dir + "/predictions.jsonl");
      for (int i = 0; i < 9; ++i) {
        const std::string id = "q" + std::to_string(i), answer = "Answer " + std::to_string(i);
        bench << json{{"id", id}, {"question", "Which is " + id + "?"}, {"answer", answer}, {"topic", "Music"}}.dump()
              << "\n";
        predictions << json{{"id", id}, {"predicted", answer}}.dump() << "\n";
      }
    }
    const std::string blocked = dir + "/out/graded.rank-" + std::to_string(ranks - 1) + ".jsonl";
    fs::create_directories(blocked);
    auto r = run_ranks(ranks, testing::build_dir() + "/evaluate --benchmark " + dir + "/bench.jsonl --predictions " +
                                  dir + "/predictions.jsonl --output " + dir + "/out");
    check_ended_by_last_rank(r, ranks, blocked);
    CHECK(!fs::exists(dir + "/out/report.json"));
  }
}
