#include "training/score/score_job.h"

#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>

#include "common/declared_options.h"
#include "common/hashing.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/checkpoint/weights_hash.h"
#include "training/compute_threads.h"
#include "training/device.h"
#include "training/model/token_losses.h"
#include "training/data/token_windows.h"
#include "training/data/vocabulary_check.h"
#include "training/score/reference_loss_file.h"
#include "training/score/selection.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

// The options of score, declared once.
struct ScoreOptions {
  std::string model;
  std::string data;
  int64_t seq_len = 0;
  int64_t batch_size = 8;
  std::string dtype = "float16";
  int64_t threads = 0;
  std::string device = "auto";
  std::string base;
  double select_keep = 0.0;
  double select_threshold = 1.0;
  double select_eps = 0.1;
  std::string select_output;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("model", model, "reference model: a Hugging Face folder (config.json, model.safetensors)");
    v("data", data, "packed tokens: curate's tokens/ folder (dataset.json and its shards)");
    v("seq_len", seq_len, "window length in tokens; train must use the same (0: the model's, at most 1024)");
    v("batch_size", batch_size, "windows per forward pass");
    v("dtype", dtype, "stored losses: float16 or float32");
    v("threads", threads, "compute threads per rank (0: the cores given to the rank)");
    v("device", device, "cpu | cuda (one GPU per rank, by its local rank) | auto (cuda when available)");
    v("base", base,
      "base model: also score with it and select documents by their mean loss ratio "
      "(l_base + eps) / (l_ref + eps)");
    v("select.keep", select_keep, "keep this fraction of documents, highest ratio first (0: use select.threshold)");
    v("select.threshold", select_threshold, "without select.keep: keep documents whose ratio is at least this");
    v("select.eps", select_eps, "eps of the loss ratio");
    v("select.output", select_output, "folder of the selected packed dataset (default: DATA-selected)");
  }
};

}  // namespace

void register_score_options(Config& config) { register_options<ScoreOptions>(config); }

namespace {

void check(int code, const std::string& what) {
  if (code != MPI_SUCCESS) {
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    MPI_Error_string(code, text, &length);
    throw IoError(what + ": " + std::string(text, static_cast<size_t>(length)));
  }
}

// What must match for a stored file to be reused: the model's content (its config and
// a hash of its weights' bytes, so a model retrained in place is noticed), the window
// length, the stored dtype and the shard's length.
nlohmann::json model_identity(const std::string& model, int rank) {
  // Rank 0 reads the weights once; the others take its hash.
  const std::string hash = mpi_broadcast(rank == 0 ? model_weights_hash(model) : "");
  return {{"config_hash", hash64(read_small_file(model + "/config.json"))}, {"weights_xxh3_128", hash}};
}

nlohmann::json score_identity(const nlohmann::json& model, int64_t seq_len, const std::string& dtype, uint64_t tokens) {
  nlohmann::json identity = model;
  identity["seq_len"] = seq_len;
  identity["dtype"] = dtype;
  identity["tokens"] = tokens;
  return identity;
}

// The record of a stored PATH that can be reused: its marker names the same identity and
// the file is whole (a crash can leave a marker beside a short or unfinished file). Rank 0
// looks and tells the others, so every rank takes the same branch into the collectives.
nlohmann::json reusable_record(const std::string& path, const nlohmann::json& identity, int rank) {
  std::string record;
  if (rank == 0 && fs::exists(path) && fs::exists(path + ".json")) {
    auto previous = nlohmann::json::parse(read_small_file(path + ".json"), nullptr, false);
    if (previous.is_object() && previous.value("identity", nlohmann::json()) == identity) {
      try {
        const ReferenceLossHeader header = read_reference_loss_header(path);
        if (header.tokens == identity["tokens"].get<uint64_t>() &&
            static_cast<int64_t>(header.seq_len) == identity["seq_len"].get<int64_t>())
          record = previous.dump();
      } catch (const std::exception& e) {
        log_info(e.what(), ": scored again");
      }
    }
  }
  record = mpi_broadcast(record);
  return record.empty() ? nlohmann::json() : nlohmann::json::parse(record);
}

struct ShardScore {
  double loss_sum = 0;
  uint64_t scored = 0;
};

// This rank's windows of one shard: losses computed in batches and written in place.
ShardScore score_shard(LlamaForCausalLM& model, const TokenWindows& windows, size_t shard, int64_t batch_size,
                       LossDtype dtype, MPI_File file, int rank, int ranks) {
  const int64_t T = windows.seq_len();
  const size_t item = loss_dtype_bytes(dtype);
  const size_t first = windows.first_window(shard);
  std::vector<size_t> mine;
  for (size_t w = static_cast<size_t>(rank); w < windows.shard_windows(shard); w += static_cast<size_t>(ranks))
    mine.push_back(first + w);
  ShardScore result;
  std::vector<int32_t> tokens;
  torch::NoGradGuard no_grad;
  for (size_t b = 0; b < mine.size(); b += static_cast<size_t>(batch_size)) {
    const size_t n = std::min(mine.size() - b, static_cast<size_t>(batch_size));
    tokens.clear();
    for (size_t k = 0; k < n; ++k) windows.read(mine[b + k], tokens);
    auto all = torch::from_blob(tokens.data(), {static_cast<int64_t>(n), T + 1}, torch::kInt32)
                   .to(model->parameters().front().device(), torch::kInt64);
    auto inputs = all.slice(1, 0, T), targets = all.slice(1, 1, T + 1);
    auto losses = token_losses_without_grad(model, inputs, targets);
    result.loss_sum += losses.sum().item<double>();
    result.scored += static_cast<uint64_t>(n) * static_cast<uint64_t>(T);
    auto stored = (dtype == LossDtype::float16 ? losses.to(torch::kHalf) : losses).cpu().contiguous();
    const char* bytes = static_cast<const char*>(stored.data_ptr());
    for (size_t k = 0; k < n; ++k) {
      const Window w = windows.at(mine[b + k]);
      const MPI_Offset at = static_cast<MPI_Offset>(kReferenceLossHeaderBytes + (w.start + 1) * item);
      check(MPI_File_write_at(file, at, bytes + k * static_cast<size_t>(T) * item, static_cast<int>(T * item), MPI_BYTE,
                              MPI_STATUS_IGNORE),
            windows.shard_prefix(shard) + ".refloss");
    }
  }
  return result;
}

// Rank 0's part: the header, and NaN where no window predicts a token.
void write_header_and_gaps(MPI_File file, const TokenWindows& windows, size_t shard, LossDtype dtype,
                           const std::string& path) {
  const uint64_t tokens = windows.shard_tokens(shard);
  std::string header = encode_reference_loss_header({dtype, tokens, static_cast<uint32_t>(windows.seq_len())});
  check(MPI_File_write_at(file, 0, header.data(), static_cast<int>(header.size()), MPI_BYTE, MPI_STATUS_IGNORE), path);
  const size_t item = loss_dtype_bytes(dtype);
  auto nan_values = [&](uint64_t begin, uint64_t end) {
    if (end <= begin) return;
    auto nan = torch::full({static_cast<int64_t>(end - begin)}, std::numeric_limits<float>::quiet_NaN());
    auto stored = (dtype == LossDtype::float16 ? nan.to(torch::kHalf) : nan).contiguous();
    check(MPI_File_write_at(file, static_cast<MPI_Offset>(kReferenceLossHeaderBytes + begin * item), stored.data_ptr(),
                            static_cast<int>((end - begin) * item), MPI_BYTE, MPI_STATUS_IGNORE),
          path);
  };
  const uint64_t covered_end = windows.shard_windows(shard) * static_cast<uint64_t>(windows.seq_len()) + 1;
  nan_values(0, std::min<uint64_t>(1, tokens));
  nan_values(std::min(covered_end, tokens), tokens);
}

// One model over every shard: PREFIX<suffix> files and their markers; returns the
// per-shard records and the mean loss.
nlohmann::json score_pass(LlamaForCausalLM& model, const std::string& model_dir, const TokenWindows& windows,
                          const std::string& suffix, LossDtype dtype, const std::string& dtype_name,
                          int64_t batch_size, const MpiContext& mpi) {
  nlohmann::json summary{{"model", fs::absolute(model_dir).string()}, {"seq_len", windows.seq_len()},
                         {"dtype", dtype_name}};
  const nlohmann::json model_id = model_identity(model_dir, mpi.rank());
  double total_loss = 0;
  uint64_t total_scored = 0;
  for (size_t shard = 0; shard < windows.shards(); ++shard) {
    const std::string path = windows.shard_prefix(shard) + suffix;
    const std::string marker = path + ".json";
    const nlohmann::json identity = score_identity(model_id, windows.seq_len(), dtype_name, windows.shard_tokens(shard));
    const nlohmann::json previous = reusable_record(path, identity, mpi.rank());
    if (!previous.is_null()) {
      total_loss += previous["loss_sum"].get<double>();
      total_scored += previous["scored"].get<uint64_t>();
      summary["shards"].push_back(previous);
      continue;
    }
    check_shard_vocabulary(windows, shard, model->config.vocab_size, mpi.rank(), mpi.size());
    // MPI-IO writes in place and never shortens a file: a longer leftover of a crashed
    // run (float32 values, say) would keep its stale tail.
    const std::string tmp = path + ".tmp";
    if (mpi.rank() == 0) fs::remove(tmp);
    mpi_barrier();
    MPI_File file;
    check(MPI_File_open(MPI_COMM_WORLD, tmp.c_str(), MPI_MODE_CREATE | MPI_MODE_WRONLY, MPI_INFO_NULL, &file), tmp);
    if (mpi.rank() == 0) write_header_and_gaps(file, windows, shard, dtype, tmp);
    ShardScore mine = score_shard(model, windows, shard, batch_size, dtype, file, mpi.rank(), mpi.size());
    check(MPI_File_sync(file), tmp);  // the values on disk before the marker says so
    check(MPI_File_close(&file), tmp);
    double loss_sum = 0;
    MPI_Allreduce(&mine.loss_sum, &loss_sum, 1, MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
    const uint64_t scored = mpi_sum(mine.scored);
    nlohmann::json record{{"shard", fs::path(windows.shard_prefix(shard)).filename().string()},
                          {"identity", identity},
                          {"loss_sum", loss_sum},
                          {"scored", scored},
                          {"mean_loss", scored ? loss_sum / static_cast<double>(scored) : 0.0}};
    if (mpi.rank() == 0) {
      fs::rename(tmp, path);
      write_file_atomically(marker, record.dump(1) + "\n");
    }
    mpi_barrier();
    total_loss += loss_sum;
    total_scored += scored;
    summary["shards"].push_back(record);
    if (mpi.rank() == 0)
      log_info("scored ", record["shard"].get<std::string>(), suffix, ": ", scored, " tokens, mean loss ",
               record["mean_loss"].get<double>());
  }
  summary["scored"] = total_scored;
  summary["mean_loss"] = total_scored ? total_loss / static_cast<double>(total_scored) : 0.0;
  return summary;
}

}  // namespace

int run_score(const Config& config, const MpiContext& mpi) {
  const ScoreOptions options = read_options<ScoreOptions>(config);
  const std::string model_dir = options.model, data = options.data;
  if (model_dir.empty()) throw UserError("no reference model: give --model FOLDER");
  if (data.empty()) throw UserError("no packed data: give --data DIR (curate's tokens/ folder)");
  const std::string dtype_name = options.dtype;
  if (dtype_name != "float16" && dtype_name != "float32")
    throw ConfigError("dtype must be float16 or float32, not '" + dtype_name + "'");
  const LossDtype dtype = dtype_name == "float16" ? LossDtype::float16 : LossDtype::float32;
  const int64_t batch_size = options.batch_size;
  if (batch_size < 1) throw ConfigError("batch_size must be positive");
  const std::string base_dir = options.base;
  SelectionOptions selection{options.select_keep, options.select_threshold, options.select_eps,
                             options.select_output};
  if (selection.output.empty()) selection.output = data + "-selected";
  if (selection.keep < 0 || selection.keep > 1) throw ConfigError("select.keep must be between 0 and 1");
  // The ratio (l_base + eps) / (l_ref + eps) needs eps > 0: losses can be 0.
  if (!(selection.eps > 0)) throw ConfigError("select.eps must be positive");

  const int threads = configure_compute_threads(static_cast<int>(options.threads));
  const torch::Device device = resolve_device(options.device);
  LlamaForCausalLM model = load_llama_for(model_dir, "reference model");
  model->to(device);
  model->eval();
  const int64_t seq_len = window_length(options.seq_len, model->config.max_position_embeddings);
  TokenWindows windows(shards_of_dataset(data), seq_len);
  if (windows.size() == 0) {
    uint64_t tokens = 0;
    for (size_t shard = 0; shard < windows.shards(); ++shard) tokens += windows.shard_tokens(shard);
    throw UserError(data + ": no window of " + std::to_string(seq_len + 1) + " tokens to score (" +
                    std::to_string(tokens) + " tokens in " + std::to_string(windows.shards()) + " shards)");
  }
  if (mpi.rank() == 0)
    log_info("score: ", windows.shards(), " shards, ", windows.size(), " windows of ", seq_len, " tokens, ", mpi.size(),
             " ranks x ", threads, " threads on ", device.str(), " (", blas_description(), ")");

  nlohmann::json summary = score_pass(model, model_dir, windows, ".refloss", dtype, dtype_name, batch_size, mpi);
  if (mpi.rank() == 0) {
    write_file_atomically(data + "/refloss.json", summary.dump(1) + "\n");
    log_info("reference losses: ", data, "/*.refloss (summary ", data, "/refloss.json), mean loss ",
             summary["mean_loss"].get<double>());
  }
  if (base_dir.empty()) return 0;

  // Selection: the base model's losses on the same windows, then each document's mean
  // loss ratio, and the documents kept written as a new packed dataset.
  LlamaForCausalLM base = load_llama_for(base_dir, "base model");
  base->to(device);
  base->eval();
  if (base->config.vocab_size != model->config.vocab_size)
    throw UserError("the base model's vocabulary (" + std::to_string(base->config.vocab_size) +
                    ") differs from the reference model's (" + std::to_string(model->config.vocab_size) + ")");
  nlohmann::json base_summary = score_pass(base, base_dir, windows, ".baseloss", dtype, dtype_name, batch_size, mpi);
  if (mpi.rank() == 0) write_file_atomically(data + "/baseloss.json", base_summary.dump(1) + "\n");
  select_documents(data, windows, selection, mpi.rank(), mpi.size());
  return 0;
}

}  // namespace mucpt
