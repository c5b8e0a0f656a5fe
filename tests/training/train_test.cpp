// train: the loss falls on learnable text; one rank and two ranks with the same global
// batch reach the same parameters; a run resumed from a checkpoint ends where an
// uninterrupted one ends, also after a SIGKILL, with one metric line per step; soft
// weighting reads score's reference losses; checkpoints are Hugging Face folders
// another reader parses; a damaged trainer state is refused by name.
#include "tests/torch_catch.h"  // first: see there

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/megatron/indexed_dataset_writer.h"
#include "tests/test_support.h"
#include "tests/training/parameter_difference.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/checkpoint/safetensors_file.h"
#include "training/data/token_windows.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Twelve documents, each a 24-token phrase of its own repeated: learnable by copying.
std::string make_dataset(const std::string& dir) {
  fs::create_directories(dir);
  IndexedDatasetWriter writer(dir + "/rank-00000", 512, 2);
  for (int d = 0; d < 12; ++d) {
    std::vector<int32_t> phrase, doc;
    for (int i = 0; i < 24; ++i) phrase.push_back(3 + (d * 37 + i * 11) % 500);
    for (int r = 0; r < 8; ++r) doc.insert(doc.end(), phrase.begin(), phrase.end());
    writer.add_document(doc);
  }
  writer.commit();
  std::ofstream(dir + "/dataset.json") << R"({"shards":[{"shard":"rank-00000"}]})";
  return dir;
}

testing::CommandResult train(const std::string& model, const std::string& data, const std::string& out, int ranks,
                             int batch, const std::string& extra = "") {
  return testing::run_command("mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " " +
                              testing::build_dir() + "/train --model " + model + " --data " + data + " --output " + out +
                              " --seq_len 32 --batch_size " + std::to_string(batch) +
                              " --steps 12 --lr 0.002 --min_lr 0.0002 --warmup 2 --save_every 6 --threads 1 " + extra);
}

std::vector<json> metrics(const std::string& out) {
  std::vector<json> lines;
  std::ifstream in(out + "/metrics.jsonl");
  for (std::string l; std::getline(in, l);) lines.push_back(json::parse(l));
  return lines;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("train lowers the loss, agrees across rank counts, resumes exactly, and weights tokens") {
  MUCPT_REQUIRE_SHARED_DATA(shared);
  const std::string model = shared + "/models/stories260K";
  const std::string root = testing::scratch_dir("train");
  const std::string data = make_dataset(root + "/data");

  auto one = train(model, data, root + "/one", 1, 4);
  INFO(one.output);
  REQUIRE(one.exit_code == 0);
  auto lines = metrics(root + "/one");
  REQUIRE(lines.size() == 12);
  CHECK(lines.back()["loss"].get<double>() < 0.6 * lines.front()["loss"].get<double>());
  CHECK(fs::exists(root + "/one/checkpoint-000006/trainer_state/optimizer.safetensors"));
  std::ifstream latest(root + "/one/latest");
  CHECK(std::string(std::istreambuf_iterator<char>(latest), {}) == "checkpoint-000012\n");
  const std::string final_one = root + "/one/checkpoint-000012";

  SECTION("two ranks with half the batch each reach the same parameters") {
    auto two = train(model, data, root + "/two", 2, 2);
    INFO(two.output);
    REQUIRE(two.exit_code == 0);
    CHECK(testing::max_parameter_difference(final_one, root + "/two/checkpoint-000012") < 1e-4);
  }
  SECTION("activation checkpointing reaches the same parameters") {
    auto recomputed = train(model, data, root + "/recomputed", 1, 4, "--activation_checkpointing");
    INFO(recomputed.output);
    REQUIRE(recomputed.exit_code == 0);
    CHECK(testing::max_parameter_difference(final_one, root + "/recomputed/checkpoint-000012") < 1e-6);
  }
  SECTION("a run resumed from step 6 ends where the uninterrupted run ends") {
    fs::create_directories(root + "/resumed");
    fs::copy(root + "/one/checkpoint-000006", root + "/resumed/checkpoint-000006", fs::copy_options::recursive);
    std::ofstream(root + "/resumed/latest") << "checkpoint-000006\n";
    auto resumed = train(model, data, root + "/resumed", 1, 4);
    INFO(resumed.output);
    REQUIRE(resumed.exit_code == 0);
    CHECK_THAT(resumed.output, Catch::Contains("resumed from"));
    CHECK(metrics(root + "/resumed").size() == 6);
    CHECK(testing::max_parameter_difference(final_one, root + "/resumed/checkpoint-000012") < 1e-6);
    // Another global batch would not continue the same run: refused, naming it.
    auto other = train(model, data, root + "/resumed", 1, 2);
    CHECK(other.exit_code == 2);
    CHECK_THAT(other.output, Catch::Contains("global_batch"));
    // A longer run or a lower lr is allowed on resume, and said (the uninterrupted run said nothing).
    CHECK_THAT(resumed.output, !Catch::Contains("resumed with"));
    auto longer = testing::run_command(testing::build_dir() + "/train --model " + model + " --data " + data +
                                       " --output " + root + "/resumed --seq_len 32 --batch_size 4 --steps 14" +
                                       " --lr 0.001 --min_lr 0.0002 --warmup 2 --threads 1");
    INFO(longer.output);
    REQUIRE(longer.exit_code == 0);
    const std::string from = root + "/resumed/checkpoint-000012";
    CHECK_THAT(longer.output, Catch::Contains("resumed with steps 14 where " + from + " was trained with 12"));
    CHECK_THAT(longer.output, Catch::Contains("resumed with lr 0.001 where " + from + " was trained with 0.002"));
    CHECK(metrics(root + "/resumed").size() == 8);
  }
  SECTION("soft weighting needs score's losses, and trains with them") {
    auto refused = train(model, data, root + "/soft", 1, 4, "--weighting.mode=soft");
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.output, Catch::Contains("run score first"));
    auto scored = testing::run_command("mpirun --allow-run-as-root --oversubscribe -np 2 " + testing::build_dir() +
                                       "/score --model " + model + " --data " + data + " --seq_len 32 --threads 1");
    INFO(scored.output);
    REQUIRE(scored.exit_code == 0);
    auto soft = train(model, data, root + "/soft", 2, 2, "--weighting.mode=soft");
    INFO(soft.output);
    REQUIRE(soft.exit_code == 0);
    auto soft_lines = metrics(root + "/soft");
    CHECK(soft_lines.back()["loss"].get<double>() < soft_lines.front()["loss"].get<double>());
  }
  SECTION("a reference model run in each step trains as its stored float32 losses do") {
    // The trained checkpoint is the reference: its losses differ from the model's own.
    const std::string stored = root + "/stored";
    fs::copy(data, stored, fs::copy_options::recursive);
    auto scored = testing::run_command(testing::build_dir() + "/score --model " + final_one + " --data " + stored +
                                       " --seq_len 32 --dtype float32 --threads 1");
    INFO(scored.output);
    REQUIRE(scored.exit_code == 0);
    auto from_files = train(model, stored, root + "/from_files", 2, 2, "--weighting.mode=soft");
    INFO(from_files.output);
    REQUIRE(from_files.exit_code == 0);
    auto online = train(model, data, root + "/online", 2, 2, "--weighting.mode=soft --weighting.reference " + final_one);
    INFO(online.output);
    REQUIRE(online.exit_code == 0);
    CHECK_THAT(online.output, Catch::Contains("reference model " + final_one + " run in each step"));
    CHECK(testing::max_parameter_difference(root + "/from_files/checkpoint-000012",
                                            root + "/online/checkpoint-000012") < 1e-5);
    // Against training with no weighting: the reference changed what was learned.
    CHECK(testing::max_parameter_difference(final_one, root + "/online/checkpoint-000012") > 1e-3);
    auto ntp = train(model, data, root + "/ntp_ref", 1, 4, "--weighting.reference " + final_one);
    CHECK(ntp.exit_code == 2);
    CHECK_THAT(ntp.output, Catch::Contains("weighting.reference serves weighting.mode hard or soft"));
  }
  SECTION("--init random starts from fresh weights: the first loss is that of a uniform guess") {
    fs::create_directories(root + "/config_only");
    fs::copy_file(model + "/config.json", root + "/config_only/config.json");
    auto fresh = train(root + "/config_only", data, root + "/fresh", 1, 4, "--init random");
    INFO(fresh.output);
    REQUIRE(fresh.exit_code == 0);
    CHECK(metrics(root + "/fresh").front()["loss"].get<double>() == Approx(std::log(512.0)).margin(0.05));
    auto again = train(root + "/config_only", data, root + "/fresh_again", 1, 4, "--init random");
    REQUIRE(again.exit_code == 0);
    CHECK(metrics(root + "/fresh_again").front()["loss"] == metrics(root + "/fresh").front()["loss"]);
  }
  SECTION("the checkpoint is a Hugging Face folder that an independent reader parses") {
    json config = json::parse(std::ifstream(final_one + "/config.json"));
    CHECK(config["num_key_value_heads"] == 4);
    CHECK(config["tie_word_embeddings"] == true);
    // Python's struct and json: the header, its 8-byte padding, contiguous offsets, and
    // the sum of one tensor's float32 values.
    auto r = testing::run_command(
        "python3 -c \"import json,struct,sys; b=open(sys.argv[1],'rb').read(); n=struct.unpack('<Q',b[:8])[0]; "
        "h=json.loads(b[8:8+n]); assert n%8==0; t=h['model.norm.weight']; s,e=t['data_offsets']; "
        "print(sum(struct.unpack('<%df'%((e-s)//4), b[8+n+s:8+n+e])))\" " + final_one + "/model.safetensors");
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    double expected = load_llama(final_one)->model->norm->weight.sum().item<double>();
    CHECK(std::stod(r.output) == Approx(expected).epsilon(1e-6));
  }
}

TEST_CASE("train killed after a checkpoint and run again: the uninterrupted run's weights and metrics") {
  MUCPT_REQUIRE_SHARED_DATA(shared);
  const std::string model = shared + "/models/stories260K";
  const std::string root = testing::scratch_dir("train_killed");
  const std::string data = make_dataset(root + "/data");
  const int steps = 40;
  auto command = [&](const std::string& out) {
    return testing::build_dir() + "/train --model " + model + " --data " + data + " --output " + out +
           " --seq_len 32 --batch_size 4 --steps " + std::to_string(steps) +
           " --lr 0.002 --min_lr 0.0002 --warmup 2 --save_every 10 --threads 1";
  };
  auto whole = testing::run_command(command(root + "/whole"));
  INFO(whole.output);
  REQUIRE(whole.exit_code == 0);

  // SIGKILL once steps past the checkpoint of step 10 are logged: the rerun does them again.
  const std::string killed = root + "/killed";
  fs::create_directories(killed);
  auto kill = testing::run_command(
      "(" + command(killed) + " > " + killed + ".log 2>&1 & pid=$!; "
      "while [ \"$(cat " + killed + "/metrics.jsonl 2>/dev/null | wc -l)\" -lt 13 ] && kill -0 $pid 2>/dev/null; "
      "do sleep 0.002; done; kill -KILL $pid; wait $pid; echo exit $?)");
  INFO(kill.output);
  REQUIRE_THAT(kill.output, Catch::Contains("exit 137"));
  REQUIRE(file_bytes(killed + "/latest") == "checkpoint-000010\n");
  const size_t logged = metrics(killed).size();
  INFO("lines logged before the kill: " << logged);
  REQUIRE(logged > 10);
  REQUIRE(logged < size_t(steps));

  auto rerun = testing::run_command(command(killed));
  INFO(rerun.output);
  REQUIRE(rerun.exit_code == 0);
  CHECK_THAT(rerun.output, Catch::Contains("resumed from"));
  for (const char* file : {"model.safetensors", "trainer_state/optimizer.safetensors", "trainer_state/state.json"}) {
    INFO(file);
    const bool identical =  // compared as a flag: the bytes would print as noise
        file_bytes(killed + "/checkpoint-000040/" + file) == file_bytes(root + "/whole/checkpoint-000040/" + file);
    CHECK(identical);
  }
  // The token weights of the whole run, the steps before the checkpoint included.
  CHECK(file_bytes(killed + "/weights.json") == file_bytes(root + "/whole/weights.json"));
  CHECK(json::parse(file_bytes(killed + "/weights.json"))["first_step"] == 1);
  auto expected = metrics(root + "/whole"), got = metrics(killed);
  REQUIRE(got.size() == size_t(steps));
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("line " << i + 1);
    CHECK(got[i]["step"] == i + 1);
    for (json* line : {&got[i], &expected[i]}) line->erase("tokens_per_second");
    CHECK(got[i] == expected[i]);
  }
}

TEST_CASE("train refuses a damaged trainer state with exit 2, naming the file and the key") {
  MUCPT_REQUIRE_SHARED_DATA(shared);
  const std::string model = shared + "/models/stories260K";
  const std::string root = testing::scratch_dir("train_damaged_state");
  const std::string data = make_dataset(root + "/data");
  const std::string state = root + "/out/checkpoint-000006/trainer_state/state.json";
  fs::create_directories(root + "/out/checkpoint-000006/trainer_state");
  for (const char* f : {"config.json", "model.safetensors"})
    fs::copy_file(model + "/" + f, root + "/out/checkpoint-000006/" + f);
  std::ofstream(root + "/out/latest") << "checkpoint-000006\n";
  std::ofstream(state) << R"({"step": 6, "seed": 1234, "global_b)";  // cut short
  auto cut = train(model, data, root + "/out", 1, 4);
  INFO(cut.output);
  CHECK(cut.exit_code == 2);
  CHECK_THAT(cut.output, Catch::Contains(state + ": not a JSON object"));
  std::ofstream(state, std::ios::trunc) << R"({"step": "six", "seed": 1234, "global_batch": 4, "seq_len": 32})";
  auto wrong = train(model, data, root + "/out", 1, 4);
  INFO(wrong.output);
  CHECK(wrong.exit_code == 2);
  CHECK_THAT(wrong.output, Catch::Contains(state + ": key 'step' must be a non-negative integer, not \"six\""));
}

TEST_CASE("train refuses before its first step options out of range and a torch_dtype it cannot save") {
  MUCPT_REQUIRE_SHARED_DATA(shared);
  const std::string model = shared + "/models/stories260K";
  const std::string root = testing::scratch_dir("train_weighting_ranges");
  const std::string data = make_dataset(root + "/data");
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"--weighting.mode soft --weighting.lambda 3", "weighting.lambda: must be in [0, 1]"},
      {"--weighting.mode soft --weighting.lambda -0.5", "weighting.lambda: must be in [0, 1]"},
      {"--weighting.mode hard --weighting.keep 5", "weighting.keep: must be in (0, 1]"},
      {"--weighting.mode hard --weighting.keep 0", "weighting.keep: must be in (0, 1]"},
      {"--weighting.mode soft --weighting.clip_min -1", "need 0 <= clip_min <= clip_max"},
      {"--weighting.mode soft --weighting.clip_min 2 --weighting.clip_max 1", "need 0 <= clip_min <= clip_max"},
      {"--weighting.mode soft --weighting.eps 0", "weighting.eps: must be above 0"},
      {"--beta1 1", "beta1, beta2: must be in [0, 1)"},
      {"--beta2 -0.1", "beta1, beta2: must be in [0, 1)"},
      {"--grad_clip -1", "warmup, weight_decay and grad_clip must not be negative"},
      {"--weight_decay -0.1", "warmup, weight_decay and grad_clip must not be negative"}};
  for (const auto& [options, message] : refused) {
    auto r = train(model, data, root + "/out", 1, 4, options);
    INFO(options << "\n" << r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(message));
  }
  CHECK_FALSE(fs::exists(root + "/out/metrics.jsonl"));

  const std::string float64 = root + "/float64";
  fs::create_directories(float64);
  fs::copy_file(model + "/model.safetensors", float64 + "/model.safetensors");
  json config = json::parse(std::ifstream(model + "/config.json"));
  config["torch_dtype"] = "float64";
  std::ofstream(float64 + "/config.json") << config.dump();
  auto unsaveable = train(float64, data, root + "/out64", 1, 4);
  INFO(unsaveable.output);
  CHECK(unsaveable.exit_code == 2);
  CHECK_THAT(unsaveable.output, Catch::Contains(float64 + "/config.json: torch_dtype 'float64' is not one train saves"));
  CHECK_FALSE(fs::exists(root + "/out64/metrics.jsonl"));
  auto saved_as_asked = train(float64, data, root + "/out64", 1, 4, "--save_dtype float32");
  INFO(saved_as_asked.output);
  CHECK(saved_as_asked.exit_code == 0);

  // Held-out tokens past the vocabulary: refused by shard and position before the steps,
  // not at the first validation (the last step by default) on the way to the checkpoint.
  const std::string val = root + "/val";
  fs::create_directories(val);
  IndexedDatasetWriter writer(val + "/rank-00000", 1024, 2);  // ids past the model's 512
  std::vector<int32_t> doc(100, 7);
  doc[70] = 600;
  writer.add_document(doc);
  writer.commit();
  std::ofstream(val + "/dataset.json") << R"({"shards":[{"shard":"rank-00000"}]})";
  auto bad_val = train(model, data, root + "/out64", 2, 2, "--val.data " + val + " --resume=false");
  INFO(bad_val.output);
  CHECK(bad_val.exit_code == 2);
  CHECK_THAT(bad_val.output, Catch::Contains("val.data: " + val + "/rank-00000.bin: token 70 is id 600"));
  // A run started over owns the folder: the earlier run's `latest` is gone, its checkpoints stay.
  CHECK_FALSE(fs::exists(root + "/out64/latest"));
  CHECK(fs::exists(root + "/out64/checkpoint-000012/model.safetensors"));
}

TEST_CASE("a diverging run stops before the update on every rank with exit 2, naming the step") {
  MUCPT_REQUIRE_SHARED_DATA(shared);
  const std::string root = testing::scratch_dir("train_diverged");
  const std::string data = make_dataset(root + "/data"), out = root + "/out";
  // A learning rate of 1e10 overflows the weights at the first update: the second
  // step's gradient norm is nan.
  auto r = testing::run_command("mpirun --allow-run-as-root --oversubscribe -np 2 " + testing::build_dir() +
                                "/train --model " + shared + "/models/stories260K --data " + data + " --output " + out +
                                " --seq_len 32 --batch_size 2 --steps 6 --lr 1e10 --warmup 0 --save_every 1" +
                                " --threads 1");
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("step 2: the gradient norm is nan"));
  CHECK_THAT(r.output, Catch::Contains("training diverged; stopped before the update"));
  CHECK(metrics(out).size() == 1);
  CHECK_FALSE(fs::exists(out + "/checkpoint-000002"));
  auto saved = load_llama(out + "/checkpoint-000001");
  for (const auto& p : saved->named_parameters()) {
    INFO(p.key());
    CHECK(torch::isfinite(p.value()).all().item<bool>());
  }
}

TEST_CASE("weights saved in bfloat16 (the model's torch_dtype) resume exactly from the float32 master weights") {
  MUCPT_REQUIRE_SHARED_DATA(shared);
  const std::string root = testing::scratch_dir("train_bf16");
  const std::string data = make_dataset(root + "/data");
  const std::string model = root + "/model";
  fs::create_directories(model);
  fs::copy_file(shared + "/models/stories260K/model.safetensors", model + "/model.safetensors");
  json config = json::parse(std::ifstream(shared + "/models/stories260K/config.json"));
  config["torch_dtype"] = "bfloat16";
  std::ofstream(model + "/config.json") << config.dump(2);

  auto whole = train(model, data, root + "/whole", 1, 4);
  INFO(whole.output);
  REQUIRE(whole.exit_code == 0);
  SafetensorsFile saved(root + "/whole/checkpoint-000012/model.safetensors");
  CHECK(saved.tensors().begin()->second.dtype == "BF16");
  CHECK(json::parse(std::ifstream(root + "/whole/checkpoint-000012/config.json")) == config);

  fs::create_directories(root + "/resumed");
  fs::copy(root + "/whole/checkpoint-000006", root + "/resumed/checkpoint-000006", fs::copy_options::recursive);
  std::ofstream(root + "/resumed/latest") << "checkpoint-000006\n";
  auto resumed = train(model, data, root + "/resumed", 1, 4);
  INFO(resumed.output);
  REQUIRE(resumed.exit_code == 0);
  const std::string master = "/checkpoint-000012/trainer_state/master_weights.safetensors";
  const bool identical = file_bytes(root + "/whole" + master) == file_bytes(root + "/resumed" + master);
  CHECK(identical);
}

TEST_CASE("validation loss on held-out data: every val.every steps, per source, equal to the checkpoint's own loss") {
  MUCPT_REQUIRE_SHARED_DATA(shared);
  const std::string model = shared + "/models/stories260K";
  const std::string root = testing::scratch_dir("train_validation");
  const std::string data = make_dataset(root + "/data");
  // Held-out data in two single-source shards, as curate packs them per work unit.
  const std::string val = root + "/val";
  fs::create_directories(val);
  json dataset{{"shards", json::array()}};
  for (int s = 0; s < 2; ++s) {
    const std::string name = "part-00000" + std::to_string(s), source = s == 0 ? "reviews" : "forum";
    IndexedDatasetWriter writer(val + "/" + name, 512, 2);
    std::vector<int32_t> doc;
    for (int i = 0; i < 100 + 30 * s; ++i) doc.push_back(3 + (i * (7 + s) + 11 * s) % 500);
    writer.add_document(doc);
    writer.commit();
    dataset["shards"].push_back({{"shard", name}, {"sources", {{source, {{"documents", 1}}}}}});
  }
  std::ofstream(val + "/dataset.json") << dataset.dump();

  const std::string args = "--val.data " + val + " --val.every 4 --val.windows 0 --steps 8";
  auto one = testing::run_command("mpirun --allow-run-as-root -np 1 " + testing::build_dir() + "/train --model " +
                                  model + " --data " + data + " --output " + root + "/one --seq_len 32 --batch_size 4 " +
                                  "--threads 1 --lr 0.002 --warmup 2 " + args);
  INFO(one.output);
  REQUIRE(one.exit_code == 0);
  auto lines = metrics(root + "/one");
  REQUIRE(lines.size() == 8);
  for (const auto& line : lines) CHECK(line.contains("val_loss") == (line["step"] == 4 || line["step"] == 8));

  // The checkpoint's own mean loss over every held-out window, computed here.
  auto trained = load_llama(root + "/one/checkpoint-000008");
  TokenWindows windows(shards_of_dataset(val), 32);
  double total = 0, reviews = 0, forum = 0;
  size_t reviews_windows = 0;
  {
    torch::NoGradGuard no_grad;
    std::vector<int32_t> tokens;
    for (size_t w = 0; w < windows.size(); ++w) {
      tokens.clear();
      windows.read(w, tokens);
      auto ids = torch::tensor(std::vector<int64_t>(tokens.begin(), tokens.end()), torch::kInt64).unsqueeze(0);
      auto logits = trained->forward(ids.slice(1, 0, 32));
      const double loss = torch::nn::functional::cross_entropy(logits.reshape({32, -1}), ids.slice(1, 1, 33).reshape({-1}))
                              .item<double>();
      total += loss;
      if (windows.at(w).shard == 0) reviews += loss, ++reviews_windows;
      else forum += loss;
    }
  }
  const json& last = lines.back();
  CHECK(last["val_loss"].get<double>() == Approx(total / double(windows.size())).epsilon(1e-5));
  CHECK(last["val_loss_by_source"]["reviews"].get<double>() == Approx(reviews / double(reviews_windows)).epsilon(1e-5));
  CHECK(last["val_loss_by_source"]["forum"].get<double>() ==
        Approx(forum / double(windows.size() - reviews_windows)).epsilon(1e-5));
}

TEST_CASE("--dtype bfloat16: autocast follows the float32 loss curve, keeps float32 master weights, saves bfloat16") {
  MUCPT_REQUIRE_SHARED_DATA(shared);
  const std::string model = shared + "/models/stories260K";
  const std::string root = testing::scratch_dir("train_autocast");
  const std::string data = make_dataset(root + "/data");
  auto f32 = train(model, data, root + "/f32", 1, 4);
  INFO(f32.output);
  REQUIRE(f32.exit_code == 0);
  auto bf16 = train(model, data, root + "/bf16", 1, 4, "--dtype bfloat16");
  INFO(bf16.output);
  REQUIRE(bf16.exit_code == 0);
  CHECK_THAT(bf16.output, Catch::Contains("in bfloat16"));

  const auto a = metrics(root + "/f32"), b = metrics(root + "/bf16");
  REQUIRE(a.size() == 12);
  REQUIRE(b.size() == 12);
  // bfloat16 keeps 8 bits of mantissa: each step's loss within 2% of float32's, and not
  // equal to it (the products did run in bfloat16).
  bool differs = false;
  for (size_t i = 0; i < a.size(); ++i) {
    const double fa = a[i]["loss"], fb = b[i]["loss"];
    CHECK(std::abs(fb - fa) < 0.02 * fa);
    differs = differs || fb != fa;
  }
  CHECK(differs);
  CHECK(b.back()["loss"].get<double>() < 0.6 * b.front()["loss"].get<double>());

  SafetensorsFile saved(root + "/bf16/checkpoint-000012/model.safetensors");
  for (const auto& [name, info] : saved.tensors()) CHECK(info.dtype == "BF16");
  SafetensorsFile master(root + "/bf16/checkpoint-000012/trainer_state/master_weights.safetensors");
  for (const auto& [name, info] : master.tensors()) CHECK(info.dtype == "F32");

  auto refused = train(model, data, root + "/f16", 1, 4, "--dtype float16");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Catch::Contains("dtype must be float32 or bfloat16, not 'float16'"));
}

TEST_CASE("train --sliced_loss_logits: the plain run, the logits taken 7 positions at a time, ranks and micro-batches") {
  MUCPT_REQUIRE_SHARED_DATA(shared);
  const std::string model = shared + "/models/stories260K";
  const std::string root = testing::scratch_dir("train_sliced_loss");
  const std::string data = make_dataset(root + "/data");
  // Soft weighting with micro-batches runs the weighting pre-pass through the slices too.
  const std::string common = "--grad_accum 2 --weighting.mode soft --weighting.reference " + model;
  auto plain = train(model, data, root + "/plain", 2, 2, common);
  INFO(plain.output);
  REQUIRE(plain.exit_code == 0);
  auto sliced = train(model, data, root + "/sliced", 2, 2, common + " --sliced_loss_logits " + std::to_string(7 * 512));
  INFO(sliced.output);
  REQUIRE(sliced.exit_code == 0);
  const auto a = metrics(root + "/plain"), b = metrics(root + "/sliced");
  REQUIRE(a.size() == 12);
  REQUIRE(b.size() == 12);
  for (size_t i = 0; i < a.size(); ++i) {
    INFO("step " << i + 1);
    CHECK(b[i]["loss"].get<double>() == Approx(a[i]["loss"].get<double>()).epsilon(1e-5));
    CHECK(b[i]["grad_norm"].get<double>() == Approx(a[i]["grad_norm"].get<double>()).epsilon(1e-4));
  }
  // AdamW's normalised steps carry rounding apart a little: far less than the run moved.
  const double apart =
      testing::max_parameter_difference(root + "/plain/checkpoint-000012", root + "/sliced/checkpoint-000012");
  CHECK(apart < 1e-4);
  CHECK(apart * 100 < testing::max_parameter_difference(model, root + "/plain/checkpoint-000012"));
  auto refused = train(model, data, root + "/refused", 1, 2, "--sliced_loss_logits -1");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Catch::Contains("sliced_loss_logits must be 0 (off) or positive"));
}
