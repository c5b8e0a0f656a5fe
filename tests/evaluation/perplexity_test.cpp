// evaluate perplexity: per-source mean token loss of held-out packed text equal to the
// model's own forward over the same windows, a bootstrap interval around it, and the
// same figures on one and two ranks.
#include "tests/torch_catch.h"  // first: see there

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "common/megatron/indexed_dataset_writer.h"
#include "tests/test_support.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/data/token_windows.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int64_t kSeqLen = 32;

// Held-out data as curate packs it with --packing.shards=unit: one source per shard.
// "stories": four copies of the model's own greedy story (llama2.c's reference ids);
// "noise": eight documents of pseudo-random ids.
std::string make_held_out(const std::string& dir, const std::string& model) {
  const json golden = json::parse(std::ifstream(model + "/golden_greedy.json"));
  std::vector<int32_t> story = golden["prompt_ids"].get<std::vector<int32_t>>();
  for (int32_t id : golden["greedy_ids"].get<std::vector<int32_t>>()) story.push_back(id);
  fs::create_directories(dir);
  json dataset{{"shards", json::array()}};
  uint32_t state = 12345;
  for (const std::string source : {"stories", "noise"}) {
    const std::string name = "part-" + source;
    IndexedDatasetWriter writer(dir + "/" + name, 512, 2);
    const int documents = source == "stories" ? 4 : 8;
    for (int d = 0; d < documents; ++d) {
      std::vector<int32_t> doc = story;
      if (source == "noise") {
        doc.clear();
        for (int i = 0; i < 150; ++i) {
          state = state * 1103515245u + 12345u;
          doc.push_back(3 + static_cast<int32_t>((state >> 8) % 500));
        }
      }
      writer.add_document(doc);
    }
    writer.commit();
    dataset["shards"].push_back({{"shard", name}, {"sources", {{source, {{"documents", documents}}}}}});
  }
  std::ofstream(dir + "/dataset.json") << dataset.dump();
  return dir;
}

testing::CommandResult perplexity(int ranks, const std::string& args) {
  return testing::run_command("mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " " +
                              testing::build_dir() + "/evaluate perplexity --threads 1 " + args);
}

void check_interval_holds(const json& group) {
  const double loss = group["loss"].get<double>();
  CHECK(group["loss_ci95"][0].get<double>() < loss);
  CHECK(loss < group["loss_ci95"][1].get<double>());
  CHECK(group["perplexity"].get<double>() == Approx(std::exp(loss)));
  CHECK(group["perplexity_ci95"][0].get<double>() == Approx(std::exp(group["loss_ci95"][0].get<double>())));
  CHECK(group["perplexity_ci95"][1].get<double>() == Approx(std::exp(group["loss_ci95"][1].get<double>())));
}

}  // namespace

TEST_CASE("evaluate perplexity: per-source loss as the model's forward gives it, with intervals, on 1 and 2 ranks") {
  MUCPT_REQUIRE_SHARED_DATA(shared);
  const std::string model = shared + "/models/stories260K";
  const std::string root = testing::scratch_dir("perplexity");
  const std::string data = make_held_out(root + "/data", model);

  auto one = perplexity(1, "--model " + model + " --data " + data + " --seq_len 32 --output " + root + "/one.json");
  INFO(one.output);
  REQUIRE(one.exit_code == 0);
  const json r = json::parse(std::ifstream(root + "/one.json"));

  // Each window's mean token loss under the model, computed here one window at a time.
  auto llama = load_llama(model);
  llama->eval();
  TokenWindows windows(shards_of_dataset(data), kSeqLen);
  std::map<size_t, std::vector<double>> by_shard;
  double total = 0;
  {
    torch::NoGradGuard no_grad;
    for (size_t w = 0; w < windows.size(); ++w) {
      std::vector<int32_t> tokens;
      windows.read(w, tokens);
      auto ids = torch::tensor(std::vector<int64_t>(tokens.begin(), tokens.end()), torch::kInt64).unsqueeze(0);
      auto logits = llama->forward(ids.slice(1, 0, kSeqLen));
      const double loss =
          torch::nn::functional::cross_entropy(logits.reshape({kSeqLen, -1}), ids.slice(1, 1, kSeqLen + 1).reshape({-1}))
              .item<double>();
      by_shard[windows.at(w).shard].push_back(loss);
      total += loss;
    }
  }
  auto mean = [](const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return s / double(v.size());
  };
  REQUIRE(by_shard[0].size() == 25);  // 4 stories of 201 ids and EOS: (808 - 1) / 32 windows
  REQUIRE(by_shard[1].size() == 37);  // 8 documents of 150 ids and EOS: (1208 - 1) / 32
  CHECK(r["windows"] == windows.size());
  CHECK(r["tokens"] == windows.size() * kSeqLen);
  CHECK(r["seq_len"] == kSeqLen);
  CHECK(r["loss"].get<double>() == Approx(total / double(windows.size())).epsilon(1e-5));
  CHECK(r["sources"]["stories"]["windows"] == 25);
  CHECK(r["sources"]["stories"]["loss"].get<double>() == Approx(mean(by_shard[0])).epsilon(1e-5));
  CHECK(r["sources"]["noise"]["windows"] == 37);
  CHECK(r["sources"]["noise"]["loss"].get<double>() == Approx(mean(by_shard[1])).epsilon(1e-5));
  // The model predicts its own story far better than noise: the intervals do not meet.
  CHECK(r["sources"]["stories"]["loss_ci95"][1].get<double>() < r["sources"]["noise"]["loss_ci95"][0].get<double>());
  check_interval_holds(r);
  check_interval_holds(r["sources"]["stories"]);
  check_interval_holds(r["sources"]["noise"]);
  CHECK(r["bootstrap"]["resamples"] == 2000);
  CHECK_THAT(one.output, Catch::Contains("| noise | 37 | 1184 |"));

  auto two = perplexity(2, "--model " + model + " --data " + data + " --seq_len 32 --output " + root + "/two.json");
  INFO(two.output);
  REQUIRE(two.exit_code == 0);
  const json t = json::parse(std::ifstream(root + "/two.json"));
  auto group = [](const json& report, const std::string& source) -> const json& {
    return source == "all" ? report : report["sources"][source];
  };
  for (const std::string source : {"all", "stories", "noise"}) {
    INFO(source);
    const json &on_one = group(r, source), &on_two = group(t, source);
    CHECK(on_two["windows"] == on_one["windows"]);
    for (const char* key : {"loss", "perplexity"}) CHECK(on_two[key].get<double>() == Approx(on_one[key].get<double>()));
    for (int end : {0, 1}) CHECK(on_two["loss_ci95"][end].get<double>() == Approx(on_one["loss_ci95"][end].get<double>()));
  }

  SECTION("--windows measures that many, spread over both sources") {
    auto some = perplexity(2, "--model " + model + " --data " + data + " --seq_len 32 --windows 10 --output " + root +
                                  "/some/ten.json");
    INFO(some.output);
    REQUIRE(some.exit_code == 0);
    const json s = json::parse(std::ifstream(root + "/some/ten.json"));
    CHECK(s["windows"] == 10);
    CHECK(s["sources"]["stories"]["windows"].get<int>() + s["sources"]["noise"]["windows"].get<int>() == 10);
  }
  SECTION("without --data the command says what it needs") {
    auto bad = perplexity(1, "--model " + model + " --output " + root + "/bad.json");
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.output, Catch::Contains("--data TOKENS_DIR"));
  }
}
