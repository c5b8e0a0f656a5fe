// score: the reference model's per-token losses beside each shard, the same for one and
// two ranks, equal to the model's own cross-entropy, low on the model's own kind of text
// and high on random tokens; a rerun reuses them, unless the model's weights changed;
// data from another tokenizer, even in a shard's unscored tail, data with no window, a
// damaged shard or model folder stop it with exit 2, naming the file.
#include "tests/torch_catch.h"  // first: see there

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <cstring>
#include <random>

#include "common/megatron/indexed_dataset_reader.h"
#include "common/megatron/indexed_dataset_writer.h"
#include "tests/test_support.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/checkpoint/safetensors_file.h"
#include "training/score/reference_loss_file.h"

using namespace mucpt;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Shards of stories text (the golden prompt and continuation, 201 tokens) and random
// tokens, listed in dataset.json as curate lists them.
std::string make_dataset(const std::string& dir, const std::vector<int32_t>& story, size_t vocab) {
  fs::create_directories(dir);
  std::mt19937 rng(3);
  std::vector<int32_t> noise(200);
  for (auto& id : noise) id = int32_t(3 + rng() % (vocab - 3));
  json dataset;
  for (int s = 0; s < 2; ++s) {
    std::string name = "rank-0000" + std::to_string(s);
    IndexedDatasetWriter writer(dir + "/" + name, vocab, 2);
    writer.add_document(story);
    if (s == 0) writer.add_document(noise);
    writer.commit();
    dataset["shards"].push_back({{"shard", name}});
  }
  std::ofstream(dir + "/dataset.json") << dataset.dump();
  return dir;
}

// The golden prompt and llama2.c's greedy continuation of it: 201 tokens of a story.
std::vector<int32_t> golden_story(const std::string& model_dir) {
  json golden = json::parse(std::ifstream(model_dir + "/golden_greedy.json"));
  std::vector<int32_t> story = golden["prompt_ids"].get<std::vector<int32_t>>();
  for (int32_t id : golden["greedy_ids"].get<std::vector<int32_t>>()) story.push_back(id);
  return story;
}

testing::CommandResult score(const std::string& model, const std::string& data, int ranks,
                             const std::string& dtype = "float32") {
  return testing::run_command("mpirun --allow-run-as-root --oversubscribe -np " + std::to_string(ranks) + " " +
                              testing::build_dir() + "/score --model " + model + " --data " + data +
                              " --seq_len 64 --batch_size 3 --threads 1 --dtype " + dtype);
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Multiplies the final norm's weights by 3 in place: the file keeps its size, its name
// and its config, only the content (and every loss) changes.
void retrain_in_place(const std::string& model_dir) {
  const std::string path = model_dir + "/model.safetensors";
  std::string bytes = file_bytes(path);
  size_t begin = 0, end = 0;  // within the data section, after the 8-byte length and the header
  {
    SafetensorsFile file(path);
    const SafetensorsEntry& e = file.tensors().at("model.norm.weight");
    REQUIRE(e.dtype == "F32");
    begin = e.begin, end = e.end;
  }
  uint64_t header = 0;
  std::memcpy(&header, bytes.data(), 8);
  for (size_t at = 8 + header + begin; at < 8 + header + end; at += 4) {
    float v;
    std::memcpy(&v, bytes.data() + at, 4);
    v *= 3;
    std::memcpy(bytes.data() + at, &v, 4);
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// One shard, rank-00000, of the given documents (each ends in EOS 2).
std::string make_shard(const std::string& dir, const std::vector<std::vector<int32_t>>& documents) {
  fs::create_directories(dir);
  IndexedDatasetWriter writer(dir + "/rank-00000", 1000, 2);
  for (const auto& d : documents) writer.add_document(d);
  writer.commit();
  std::ofstream(dir + "/dataset.json") << R"({"shards":[{"shard":"rank-00000"}]})";
  return dir;
}

}  // namespace

TEST_CASE("score writes per-token reference losses that match the model, for one and two ranks") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string model_dir = data + "/models/stories260K";
  std::vector<int32_t> story = golden_story(model_dir);
  REQUIRE(story.size() == 201);

  std::string root = testing::scratch_dir("score");
  std::string one = make_dataset(root + "/one", story, 512), two = make_dataset(root + "/two", story, 512);
  auto r1 = score(model_dir, one, 1);
  INFO(r1.output);
  REQUIRE(r1.exit_code == 0);
  auto r2 = score(model_dir, two, 2);
  INFO(r2.output);
  REQUIRE(r2.exit_code == 0);

  // Shard 0: 202 + 201 tokens (EOS added) = 403, 6 windows of 64 predict tokens 1..384.
  const std::string file = one + "/rank-00000.refloss";
  ReferenceLossHeader h = read_reference_loss_header(file);
  CHECK(h.tokens == 403);
  CHECK(h.seq_len == 64);
  CHECK(h.dtype == LossDtype::float32);
  std::vector<float> a = read_reference_losses(file, 0, 403);
  std::vector<float> b = read_reference_losses(two + "/rank-00000.refloss", 0, 403);
  CHECK(std::isnan(a[0]));
  for (size_t i = 385; i < 403; ++i) CHECK(std::isnan(a[i]));
  for (size_t i = 1; i <= 384; ++i) {
    INFO(i);
    REQUIRE_FALSE(std::isnan(a[i]));
    CHECK(a[i] == Approx(b[i]).margin(1e-4));
  }

  // The second window (tokens 64..128 as input) against the model's own cross-entropy.
  auto model = load_llama(model_dir);
  model->eval();
  std::vector<int64_t> window(story.begin() + 64, story.begin() + 129);
  auto ids = torch::tensor(window).unsqueeze(0);
  torch::NoGradGuard no_grad;
  auto logits = model->forward(ids.slice(1, 0, 64));
  auto expected = torch::nn::functional::cross_entropy(logits[0], ids[0].slice(0, 1, 65),
                                                       torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kNone));
  for (int64_t k = 0; k < 64; ++k) CHECK(a[65 + size_t(k)] == Approx(expected[k].item<float>()).margin(1e-4));

  // The model knows its kind of story and not random tokens.
  double story_mean = 0, noise_mean = 0;
  for (size_t i = 10; i < 201; ++i) story_mean += a[i] / 191.0;
  for (size_t i = 212; i < 385; ++i) noise_mean += a[i] / 173.0;
  CHECK(story_mean < 1.5);
  CHECK(noise_mean > 5.0);
  json summary = json::parse(std::ifstream(one + "/refloss.json"));
  CHECK(summary["scored"] == 6 * 64 + 3 * 64);

  // float16 (the default) stores the same values to half precision.
  std::string half = make_dataset(root + "/half", story, 512);
  REQUIRE(score(model_dir, half, 2, "float16").exit_code == 0);
  CHECK(read_reference_loss_header(half + "/rank-00000.refloss").dtype == LossDtype::float16);
  std::vector<float> h16 = read_reference_losses(half + "/rank-00000.refloss", 0, 403);
  CHECK(std::isnan(h16[0]));
  for (size_t i = 1; i <= 384; ++i) CHECK(h16[i] == Approx(a[i]).epsilon(1e-3).margin(1e-3));

  // A rerun reuses the files.
  auto before = fs::last_write_time(file);
  REQUIRE(score(model_dir, one, 2).exit_code == 0);
  CHECK(fs::last_write_time(file) == before);
}

TEST_CASE("score refuses data packed with a larger vocabulary, naming the shard") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::string dir = make_dataset(testing::scratch_dir("score_vocab") + "/d", std::vector<int32_t>(100, 700), 1000);
  auto r = score(data + "/models/stories260K", dir, 1);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains("rank-00000") && Catch::Contains("outside the model's vocabulary"));
  auto missing = score(data + "/models/stories260K", dir + "/nowhere", 1);
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.output, Catch::Contains("dataset.json"));
}

TEST_CASE("score --base keeps the documents the reference model knows and the base model does not") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string model_dir = data + "/models/stories260K";
  std::vector<int32_t> story = golden_story(model_dir);
  std::string root = testing::scratch_dir("score_select");
  std::string tokens = make_dataset(root + "/tokens", story, 512);
  {  // curate's dataset.json carries the vocabulary the selected shards need
    json dataset = json::parse(std::ifstream(tokens + "/dataset.json"));
    dataset["vocab_size"] = 512;
    dataset["eos_id"] = 2;
    std::ofstream(tokens + "/dataset.json") << dataset.dump();
  }
  // The base model: the same architecture with fresh weights, which knows nothing.
  {
    LlamaForCausalLM base(load_llama_config(model_dir));
    initialize_llama_weights(base, 5);
    save_llama(base, root + "/base");
  }
  auto r = testing::run_command("mpirun --allow-run-as-root --oversubscribe -np 2 " + testing::build_dir() +
                                "/score --model " + model_dir + " --base " + root + "/base --data " + tokens +
                                " --seq_len 64 --threads 1 --select.keep 0.5 --select.output " + root + "/selected");
  INFO(r.output);
  REQUIRE(r.exit_code == 0);
  // Three documents (story, noise | story): the two stories have the highest ratios.
  std::vector<json> scores;
  for (const char* shard : {"rank-00000", "rank-00001"}) {
    std::ifstream in(root + "/selected/" + shard + ".scores.jsonl");
    for (std::string l; std::getline(in, l);) scores.push_back(json::parse(l));
  }
  REQUIRE(scores.size() == 3);
  CHECK(scores[0]["ratio"].get<double>() > 3.0);
  CHECK(scores[1]["ratio"].get<double>() < 1.5);
  CHECK(scores[0]["kept"] == true);
  CHECK(scores[1]["kept"] == false);
  CHECK(scores[2]["kept"] == true);
  std::vector<int32_t> expected = story;
  expected.push_back(2);
  for (const char* shard : {"rank-00000", "rank-00001"}) {
    IndexedDatasetReader selected(root + "/selected/" + shard);
    REQUIRE(selected.sequences() == 1);
    CHECK(selected.sequence(0) == expected);
  }
  json dataset = json::parse(std::ifstream(root + "/selected/dataset.json"));
  CHECK(dataset["selection"]["documents_in"] == 3);
  CHECK(dataset["selection"]["documents_kept"] == 2);
  CHECK(dataset["tokens"] == 2 * expected.size());
  CHECK(fs::exists(tokens + "/rank-00000.baseloss"));
}

TEST_CASE("score rescores a model retrained in place, and a long stale .tmp leaves no trace") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::vector<int32_t> story = golden_story(data + "/models/stories260K");
  const std::string root = testing::scratch_dir("score_retrained");
  const std::string model_dir = root + "/model";
  fs::create_directories(model_dir);
  for (const char* f : {"config.json", "model.safetensors"})
    fs::copy_file(data + "/models/stories260K/" + f, model_dir + "/" + f);
  const std::string tokens = make_dataset(root + "/tokens", story, 512);
  REQUIRE(score(model_dir, tokens, 2, "float16").exit_code == 0);
  const std::string first = file_bytes(tokens + "/rank-00000.refloss");

  const auto size_before = fs::file_size(model_dir + "/model.safetensors");
  retrain_in_place(model_dir);
  REQUIRE(fs::file_size(model_dir + "/model.safetensors") == size_before);
  // What a crashed float32 run leaves: a .tmp longer than the float16 file.
  for (const char* shard : {"rank-00000", "rank-00001"})
    std::ofstream(tokens + "/" + shard + ".refloss.tmp", std::ios::binary) << std::string(1 << 20, '\x7f');
  auto again = score(model_dir, tokens, 2, "float16");
  INFO(again.output);
  REQUIRE(again.exit_code == 0);
  const std::string second = file_bytes(tokens + "/rank-00000.refloss");
  const bool rescored = second != first;  // compared as a flag: the bytes would print as noise
  CHECK(rescored);
  CHECK(second.size() == kReferenceLossHeaderBytes + 403 * 2);
  CHECK_FALSE(fs::exists(tokens + "/rank-00000.refloss.tmp"));

  // The same bytes as the changed model scoring fresh data.
  const std::string fresh = make_dataset(root + "/fresh", story, 512);
  REQUIRE(score(model_dir, fresh, 2, "float16").exit_code == 0);
  for (const char* shard : {"rank-00000", "rank-00001"}) {
    INFO(shard);
    const bool same = file_bytes(tokens + "/" + shard + ".refloss") == file_bytes(fresh + "/" + shard + ".refloss");
    CHECK(same);
  }
}

TEST_CASE("score scores again a shard whose stored losses a crash cut short, though its marker is whole") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string model_dir = data + "/models/stories260K";
  const std::string tokens =
      make_dataset(testing::scratch_dir("score_cut_short") + "/tokens", golden_story(model_dir), 512);
  REQUIRE(score(model_dir, tokens, 1, "float16").exit_code == 0);
  const std::string path = tokens + "/rank-00000.refloss";
  const std::string whole = file_bytes(path);
  REQUIRE(whole.size() == kReferenceLossHeaderBytes + 403 * 2);
  fs::resize_file(path, 100);
  auto again = score(model_dir, tokens, 2, "float16");
  INFO(again.output);
  REQUIRE(again.exit_code == 0);
  CHECK(again.output.find("rank-00000.refloss: holds 100 bytes") != std::string::npos);
  const bool restored = file_bytes(path) == whole;
  CHECK(restored);
}

TEST_CASE("score --select.eps must be positive") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  for (const char* eps : {"0", "-1", "nan"}) {
    INFO(eps);
    auto r = testing::run_command(testing::build_dir() + "/score --model " + data + "/models/stories260K --data x" +
                                  " --base y --select.keep 0.5 --select.eps " + eps);
    CHECK(r.exit_code == 2);
    CHECK(r.output.find("select.eps must be") != std::string::npos);  // positive, or a finite number
  }
}

TEST_CASE("score refuses a token outside the vocabulary in a shard's unscored tail, naming the position") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  std::vector<int32_t> story = golden_story(data + "/models/stories260K");
  // 201 tokens + EOS: three windows of 64 predict tokens 1..192; 195 and 200 are in the tail.
  story[195] = 600;
  story[200] = 700;
  const std::string dir = make_shard(testing::scratch_dir("score_tail") + "/d", {story});
  for (int ranks : {1, 2}) {
    auto r = score(data + "/models/stories260K", dir, ranks);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("rank-00000.bin: token 195 is id 600, outside the model's vocabulary of 512"));
  }
}

TEST_CASE("score refuses data with no window to score, naming the folder") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string root = testing::scratch_dir("score_empty");
  // Shards shorter than a window (64 + 1 tokens).
  const std::string short_data = make_shard(root + "/short", {std::vector<int32_t>(20, 7), std::vector<int32_t>(30, 9)});
  auto r = score(data + "/models/stories260K", short_data, 1);
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains(short_data + ": no window of 65 tokens to score"));
  CHECK_FALSE(fs::exists(short_data + "/refloss.json"));
  // No shard at all.
  fs::create_directories(root + "/none");
  std::ofstream(root + "/none/dataset.json") << R"({"shards":[]})";
  auto none = score(data + "/models/stories260K", root + "/none", 1);
  INFO(none.output);
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.output, Catch::Contains(root + "/none: no window of 65 tokens to score (0 tokens in 0 shards)"));
}

TEST_CASE("score refuses a damaged shard with exit 2, naming the file") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string dir =
      make_shard(testing::scratch_dir("score_damaged") + "/d", {std::vector<int32_t>(100, 7), std::vector<int32_t>(50, 9)});
  fs::resize_file(dir + "/rank-00000.bin", fs::file_size(dir + "/rank-00000.bin") - 2);
  auto r = score(data + "/models/stories260K", dir, 1);
  INFO(r.output);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.output, Catch::Contains(dir + "/rank-00000.bin: holds 302 bytes, the index describes 304"));
}

TEST_CASE("score refuses a damaged model folder with exit 2, naming the file and the key") {
  MUCPT_REQUIRE_SHARED_DATA(data);
  const std::string source = data + "/models/stories260K";
  const std::string root = testing::scratch_dir("score_damaged_model");
  const std::string tokens = make_shard(root + "/tokens", {std::vector<int32_t>(100, 7)});
  const std::string model = root + "/model";
  auto fresh_model = [&] {
    fs::remove_all(model);
    fs::create_directories(model);
    for (const char* f : {"config.json", "model.safetensors"}) fs::copy_file(source + "/" + f, model + "/" + f);
  };
  auto refused = [&](const std::string& message) {
    auto r = score(model, tokens, 1);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains(message));
  };
  SECTION("a safetensors header whose dtype is not a string") {
    fresh_model();
    const std::string bytes = file_bytes(model + "/model.safetensors");
    uint64_t length = 0;
    std::memcpy(&length, bytes.data(), 8);
    json header = json::parse(bytes.substr(8, length));
    header["model.norm.weight"]["dtype"] = 32;
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');
    const uint64_t new_length = text.size();
    std::ofstream out(model + "/model.safetensors", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(&new_length), 8);
    out << text << bytes.substr(8 + length);
    out.close();
    refused(model + "/model.safetensors: tensor 'model.norm.weight': dtype must be a string, not 32");
  }
  SECTION("a weight_map value that is not a file name") {
    fresh_model();
    std::ofstream(model + "/model.safetensors.index.json")
        << R"({"metadata": {}, "weight_map": {"model.norm.weight": "model.safetensors", "lm_head.weight": 7}})";
    refused(model + "/model.safetensors.index.json: weight_map key 'lm_head.weight' must name a file (a string), not 7");
  }
  SECTION("tie_word_embeddings that is not a boolean") {
    fresh_model();
    json config = json::parse(std::ifstream(model + "/config.json"));
    config["tie_word_embeddings"] = "yes";
    std::ofstream(model + "/config.json") << config.dump();
    refused(model + "/config.json: key 'tie_word_embeddings' must be true or false, not \"yes\"");
  }
}
