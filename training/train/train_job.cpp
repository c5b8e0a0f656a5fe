#include "training/train/train_job.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "common/declared_options.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/compute_threads.h"
#include "training/data/batches.h"
#include "training/device.h"
#include "training/train/adamw.h"
#include "training/train/gradient_clip.h"
#include "training/train/gradient_sync.h"
#include "training/train/lr_schedule.h"
#include "training/train/metrics_log.h"
#include "training/train/train_step.h"
#include "training/train/trainer_state.h"
#include "training/train/validation.h"
#include "training/weighting/token_weights.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

// The options of train, declared once.
struct TrainOptions {
  std::string model;
  std::string init = "load";
  std::string data;
  std::string output;
  int64_t seq_len = 0;
  int64_t batch_size = 8;
  int64_t grad_accum = 1;
  int64_t steps = 100;
  double lr = 3e-4;
  double min_lr = 3e-5;
  int64_t warmup = 10;
  double weight_decay = 0.1;
  double beta1 = 0.9;
  double beta2 = 0.95;
  double grad_clip = 1.0;
  int64_t seed = 1234;
  int64_t save_every = 0;
  int64_t log_every = 10;
  bool resume = true;
  std::string dtype = "float32";
  std::string save_dtype;
  std::string max_shard_size = "5GB";
  int64_t threads = 0;
  std::string device = "auto";
  bool activation_checkpointing = false;
  int64_t sliced_loss_logits = 0;
  std::string val_data;
  int64_t val_every = 0;
  int64_t val_windows = 256;
  std::string weighting_mode = "ntp";
  std::string weighting_score = "ratio";
  double weighting_eps = 0.1;
  double weighting_clip_min = 0.0;
  double weighting_clip_max = 5.0;
  double weighting_keep = 0.6;
  double weighting_lambda = 0.0;
  std::string weighting_reference;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("model", model, "initial model: a Hugging Face folder (config.json, model.safetensors)");
    v("init", init, "load: the model folder's weights; random: fresh weights for its config.json");
    v("data", data, "packed tokens: curate's tokens/ folder (with .refloss files from score for weighting)");
    v("output", output,
      "output folder: checkpoint-NNNNNN/ (HF folders with trainer_state/), latest, metrics.jsonl");
    v("seq_len", seq_len, "tokens per window (0: the model's, at most 1024; must equal score's)");
    v("batch_size", batch_size, "windows per rank per micro-batch");
    v("grad_accum", grad_accum, "micro-batches per step (global batch = batch_size x grad_accum x ranks)");
    v("steps", steps, "optimizer steps");
    v("lr", lr, "peak learning rate");
    v("min_lr", min_lr, "where the cosine decay ends, one step past the last (llm.c's schedule)");
    v("warmup", warmup, "linear warm-up steps");
    v("weight_decay", weight_decay, "AdamW weight decay (matrices only)");
    v("beta1", beta1, "AdamW beta1");
    v("beta2", beta2, "AdamW beta2");
    v("grad_clip", grad_clip, "clip the global gradient norm to this (0: off)");
    v("seed", seed, "data order seed");
    v("save_every", save_every, "save a checkpoint every N steps (0: at the end only)");
    v("log_every", log_every,
      "a progress line (loss, tokens/s, ETA) every N steps; metrics.jsonl has every step");
    v("resume", resume, "continue from output/latest when present");
    v("dtype", dtype,
      "compute: float32 | bfloat16 (forward and backward under bfloat16 autocast; float32 master weights, "
      "AdamW moments, loss and token weights)");
    v("save_dtype", save_dtype,
      "weights saved as float32 | bfloat16 | float16 (empty: bfloat16 with --dtype bfloat16, else the "
      "model's torch_dtype)");
    v("max_shard_size", max_shard_size, "weights above this go to shards with model.safetensors.index.json");
    v("threads", threads, "compute threads per rank (0: the cores given to the rank)");
    v("device", device, "cpu | cuda (one GPU per rank, by its local rank) | auto (cuda when available)");
    v("activation_checkpointing", activation_checkpointing,
      "recompute each layer's activations in the backward (HF's gradient_checkpointing): less memory, "
      "one more forward pass");
    v("sliced_loss_logits", sliced_loss_logits,
      "0: the loss takes the whole batch's logits at once; N: the output head and the loss run a slice of "
      "positions at a time, at most N logits (2^27 = 134217728: 512 MiB of float32), made again in the "
      "backward instead of held (one more product with the head; for large vocabularies)");
    v("val.data", val_data, "held-out packed tokens (a curate tokens/ folder) for the validation loss");
    v("val.every", val_every, "validation loss every N steps and at the last (0: at the last only)");
    v("val.windows", val_windows, "validation windows, spread over the held-out data (0: all)");
    v("weighting.mode", weighting_mode, "ntp | hard (Rho-1) | soft (loss ratio)");
    v("weighting.score", weighting_score, "soft: ratio | excess | inverse_ref");
    v("weighting.eps", weighting_eps, "soft: eps of the ratio (l_cur + eps) / (l_ref + eps)");
    v("weighting.clip_min", weighting_clip_min, "soft: lowest score before normalisation");
    v("weighting.clip_max", weighting_clip_max, "soft: highest score before normalisation");
    v("weighting.keep", weighting_keep, "hard: fraction of tokens kept");
    v("weighting.lambda", weighting_lambda, "mix with uniform: w = lambda + (1 - lambda) w");
    v("weighting.reference", weighting_reference,
      "hard, soft: a frozen reference model folder run in each step for l_ref (in place of the losses "
      "score stored)");
  }
};

}  // namespace

void register_train_options(Config& config) { register_options<TrainOptions>(config); }

namespace {

std::string checkpoint_name(int64_t step) {
  char name[32];
  std::snprintf(name, sizeof name, "checkpoint-%06lld", static_cast<long long>(step));
  return name;
}

// Rank 0 writes the folder under a temporary name, renames it, then points latest at it.
void save_checkpoint(LlamaForCausalLM& model, const AdamW& optimizer, const nlohmann::json& state,
                     const std::string& output, const std::string& tokenizer_json, const SaveOptions& save) {
  const std::string name = checkpoint_name(state["step"].get<int64_t>());
  const std::string tmp = output + "/" + name + ".tmp";
  fs::remove_all(tmp);
  save_llama(model, tmp, tokenizer_json, save);
  fs::create_directories(tmp + "/trainer_state");
  save_tensors(tmp + "/trainer_state/optimizer.safetensors", optimizer.state());
  // Weights saved in 16 bits lose the trained float32 values: those resume the run.
  if (saved_dtype_name(model->config, save) != "float32") {
    std::vector<std::pair<std::string, torch::Tensor>> master;
    for (const auto& p : model->named_parameters()) master.emplace_back(p.key(), p.value());
    save_tensors(tmp + "/trainer_state/master_weights.safetensors", master);
  }
  write_file_atomically(tmp + "/trainer_state/state.json", state.dump(1) + "\n");
  fs::remove_all(output + "/" + name);
  fs::rename(tmp, output + "/" + name);
  sync_directory(output);  // the checkpoint's name on disk before latest names it
  write_file_atomically(output + "/latest", name + "\n");
}

std::string format_duration(double seconds) {
  const int64_t s = static_cast<int64_t>(seconds + 0.5);
  char text[32];
  if (s >= 3600) std::snprintf(text, sizeof text, "%lldh%02lldm", (long long)(s / 3600), (long long)(s % 3600 / 60));
  else std::snprintf(text, sizeof text, "%lldm%02llds", (long long)(s / 60), (long long)(s % 60));
  return text;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// One line for each setting a resume changes (steps extended, lr lowered...): allowed,
// and said, since the run is then no longer the one an uninterrupted run would give.
void log_changed_settings(const nlohmann::json& before, const nlohmann::json& now, const std::string& checkpoint) {
  for (const auto& change : nlohmann::json::diff(before, now)) {
    if (change["op"] != "replace") continue;
    const std::string path = change["path"].get<std::string>();
    std::string name = path.substr(1);
    std::replace(name.begin(), name.end(), '/', '.');
    log_info("resumed with ", name, " ", change["value"].dump(), " where ", checkpoint, " was trained with ",
             before.at(nlohmann::json::json_pointer(path)).dump(), ": the run goes on with the new value");
  }
}

}  // namespace

int run_train(const Config& config, const MpiContext& mpi) {
  const TrainOptions options = read_options<TrainOptions>(config);
  const std::string model_dir = options.model, data = options.data, output = options.output;
  if (model_dir.empty() || data.empty() || output.empty())
    throw UserError("train needs --model FOLDER, --data TOKENS_DIR and --output DIR");
  const int64_t batch_size = options.batch_size, steps = options.steps, grad_accum = options.grad_accum,
                log_every = options.log_every;
  if (batch_size < 1 || steps < 1 || grad_accum < 1 || log_every < 1)
    throw ConfigError("batch_size, grad_accum, steps and log_every must be positive");
  const int64_t sliced_loss_logits = options.sliced_loss_logits;
  if (sliced_loss_logits < 0) throw ConfigError("sliced_loss_logits must be 0 (off) or positive");
  WeightOptions weighting;
  try {
    weighting.mode = parse_weight_mode(options.weighting_mode);
    weighting.score = parse_soft_score(options.weighting_score);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(e.what());
  }
  weighting.eps = options.weighting_eps;
  weighting.clip_min = options.weighting_clip_min;
  weighting.clip_max = options.weighting_clip_max;
  weighting.keep = options.weighting_keep;
  weighting.lambda = options.weighting_lambda;
  // Out of these ranges a weight turns negative (gradient ascent on its token), a
  // ratio divides by zero, or hard keeps every token: refused rather than trained.
  if (!(weighting.lambda >= 0 && weighting.lambda <= 1)) throw ConfigError("weighting.lambda: must be in [0, 1]");
  if (!(weighting.keep > 0 && weighting.keep <= 1)) throw ConfigError("weighting.keep: must be in (0, 1]");
  if (!(weighting.clip_min >= 0 && weighting.clip_max >= weighting.clip_min))
    throw ConfigError("weighting.clip_min, weighting.clip_max: need 0 <= clip_min <= clip_max");
  if (!(weighting.eps > 0)) throw ConfigError("weighting.eps: must be above 0");
  // AdamW divides by 1 - beta^t: beta1 = 1 would step by infinity, beta2 = 1 by nothing.
  if (!(options.beta1 >= 0 && options.beta1 < 1) || !(options.beta2 >= 0 && options.beta2 < 1))
    throw ConfigError("beta1, beta2: must be in [0, 1)");
  if (!(options.lr > 0) || !(options.min_lr >= 0)) throw ConfigError("lr, min_lr: need lr > 0 and min_lr >= 0");
  if (options.warmup < 0 || !(options.weight_decay >= 0) || !(options.grad_clip >= 0))
    throw ConfigError("warmup, weight_decay and grad_clip must not be negative");
  const int threads = configure_compute_threads(static_cast<int>(options.threads));
  const torch::Device device = resolve_device(options.device);

  // Start from the latest checkpoint of this output when there is one.
  fs::create_directories(output);
  // --resume=false starts the run over: an earlier run's `latest` is not this run's, and
  // a checkpoint it names may be saved again (removed, then replaced) by this one.
  if (!options.resume && mpi.rank() == 0) fs::remove(output + "/latest");
  std::string start_from = model_dir;
  nlohmann::json resumed;
  if (options.resume && fs::exists(output + "/latest")) {
    start_from = output + "/" + trim(read_small_file(output + "/latest"));
    resumed = read_trainer_state(start_from + "/trainer_state/state.json").to_json();
  }
  const std::string init = options.init;
  if (init != "load" && init != "random") throw ConfigError("init must be load or random, not '" + init + "'");
  LlamaForCausalLM model{nullptr};
  if (init == "random" && resumed.is_null()) {
    try {
      model = LlamaForCausalLM(load_llama_config(model_dir));
    } catch (const IoError& e) {
      throw UserError(std::string("model: ") + e.what());
    }
    initialize_llama_weights(model, static_cast<uint64_t>(options.seed));
  } else {
    model = load_llama_for(start_from, "model");
  }
  model->to(device);
  model->train();
  model->model->checkpoint_layers = options.activation_checkpointing;
  const std::string reference_dir = options.weighting_reference;
  LlamaForCausalLM reference{nullptr};
  if (!reference_dir.empty()) {
    if (weighting.mode == WeightMode::ntp)
      throw ConfigError("weighting.reference serves weighting.mode hard or soft; ntp weighs no token");
    reference = load_llama_for(reference_dir, "weighting.reference");
    reference->to(device);
    reference->eval();
    for (auto& p : reference->parameters()) p.requires_grad_(false);
    if (reference->config.vocab_size < model->config.vocab_size)
      throw UserError("weighting.reference: " + reference_dir + " has " + std::to_string(reference->config.vocab_size) +
                      " token ids, fewer than the model's " + std::to_string(model->config.vocab_size));
  }
  const int64_t seq_len = window_length(options.seq_len, model->config.max_position_embeddings);
  const uint64_t seed = static_cast<uint64_t>(options.seed);
  TokenWindows windows(shards_of_dataset(data), seq_len);
  BatchSource batches(windows, batch_size, mpi.rank(), mpi.size(), seed,
                      weighting.mode != WeightMode::ntp && reference.is_empty(), model->config.vocab_size);

  const int64_t global_batch = batches.global_batch() * grad_accum;
  std::unique_ptr<Validation> validation;
  if (const std::string val = options.val_data; !val.empty())
    validation = std::make_unique<Validation>(val, seq_len, options.val_windows, model->config.vocab_size);
  const int64_t val_every = options.val_every;

  auto parameters = model->named_parameters();
  GradientSync gradient_sync(parameters, mpi.rank(), mpi.size());
  AdamW optimizer(parameters, {options.beta1, options.beta2, 1e-8, options.weight_decay});
  int64_t step = 0;
  if (!resumed.is_null()) {
    // A different data order or batch would not continue the same run.
    const nlohmann::json expected{{"seed", int64_t(seed)}, {"global_batch", global_batch}, {"seq_len", seq_len}};
    for (const auto& [key, value] : expected.items())
      if (resumed[key] != value)
        throw UserError(start_from + ": trained with another " + key + " (" + resumed[key].dump() +
                        "); use a new --output or --resume=false");
    step = resumed["step"].get<int64_t>();
    const std::string master = start_from + "/trainer_state/master_weights.safetensors";
    if (fs::exists(master)) {
      torch::NoGradGuard no_grad;
      const auto weights = load_tensors(master);
      for (auto& p : model->named_parameters()) {
        auto it = weights.find(p.key());
        if (it == weights.end() || it->second.sizes() != p.value().sizes())
          throw UserError(master + ": tensor '" + p.key() + "' is missing or has another shape");
        p.value().copy_(it->second);
      }
    }
    const std::string moments = start_from + "/trainer_state/optimizer.safetensors";
    try {
      optimizer.load_state(load_tensors(moments), step);
    } catch (const IoError& e) {
      const std::string what = e.what();
      throw UserError((what.rfind(moments, 0) == 0 ? what : moments + ": " + what) +
                      "; use a new --output or --resume=false");
    }
  }
  // What a resume may change; a run resumed with other values is not the uninterrupted run.
  const nlohmann::json settings{{"steps", steps},
                                {"lr", options.lr},
                                {"min_lr", options.min_lr},
                                {"warmup", options.warmup},
                                {"weight_decay", options.weight_decay},
                                {"beta1", options.beta1},
                                {"beta2", options.beta2},
                                {"grad_clip", options.grad_clip},
                                {"dtype", options.dtype},
                                {"weighting", {{"mode", options.weighting_mode},
                                               {"score", options.weighting_score},
                                               {"eps", options.weighting_eps},
                                               {"clip_min", options.weighting_clip_min},
                                               {"clip_max", options.weighting_clip_max},
                                               {"keep", options.weighting_keep},
                                               {"lambda", options.weighting_lambda},
                                               {"reference", options.weighting_reference}}}};
  if (mpi.rank() == 0 && resumed.contains("settings")) log_changed_settings(resumed["settings"], settings, start_from);
  const LrSchedule schedule{options.lr, options.min_lr, options.warmup, steps};
  const double grad_clip = options.grad_clip;
  const int64_t save_every = options.save_every;
  const std::string tokenizer_json = fs::exists(data + "/tokenizer.json") ? data + "/tokenizer.json" : "";
  const std::string dtype = options.dtype;
  if (dtype != "float32" && dtype != "bfloat16") throw ConfigError("dtype must be float32 or bfloat16, not '" + dtype + "'");
  const bool bfloat16 = dtype == "bfloat16";
  SaveOptions save;
  save.dtype = options.save_dtype;
  if (save.dtype.empty() && bfloat16) save.dtype = "bfloat16";
  try {
    save.max_shard_bytes = parse_byte_size(options.max_shard_size);
  } catch (const std::invalid_argument& e) {
    throw ConfigError(std::string("max_shard_size: ") + e.what());
  }
  if (!save.dtype.empty() && !is_saved_dtype(save.dtype))
    throw ConfigError("save_dtype must be float32, bfloat16 or float16, not '" + save.dtype + "'");
  // Without --save_dtype the config's torch_dtype is saved: checked now, not at the first
  // save after the steps have run.
  if (const std::string saved = saved_dtype_name(model->config, save); !is_saved_dtype(saved))
    throw UserError(start_from + "/config.json: torch_dtype '" + saved +
                    "' is not one train saves (float32, bfloat16, float16); give --save_dtype");
  if (mpi.rank() == 0)
    log_info("train: ", windows.size(), " windows of ", seq_len, " tokens, global batch ", global_batch,
             ", steps ", step, " -> ", steps, ", ", mpi.size(), " ranks x ", threads, " threads on ", device.str(),
             " in ", dtype, " (",
             blas_description(), ")", step > 0 ? ", resumed from " + start_from : std::string(),
             reference_dir.empty() ? std::string() : ", reference model " + reference_dir + " run in each step");
  std::unique_ptr<MetricsLog> metrics;
  if (mpi.rank() == 0) metrics = std::make_unique<MetricsLog>(output + "/metrics.jsonl", step);

  const GlobalSum global_sum = [](std::vector<double>& values) { sum_over_ranks(values); };
  std::vector<torch::Tensor> params;
  for (const auto& p : parameters) params.push_back(p.value());
  const auto run_started = std::chrono::steady_clock::now();
  const int64_t first_step = step;
  // The token weights' histogram over the run, summed over the ranks each step, carried
  // by the checkpoints so that a resumed run counts the steps before it too.
  std::vector<double> weight_counts(kWeightBins, 0.0);
  int64_t weight_counts_first_step = first_step + 1;
  if (!resumed.is_null() && resumed.contains("weight_counts") &&
      resumed["weight_counts"].size() == static_cast<size_t>(kWeightBins)) {
    weight_counts = resumed["weight_counts"].get<std::vector<double>>();
    weight_counts_first_step = resumed["weight_counts_first_step"].get<int64_t>();
  }
  for (; step < steps; ++step) {
    const auto started = std::chrono::steady_clock::now();
    const double lr = schedule.at(step);

    // Forward and backward over the micro-batches, gradients averaged over the ranks,
    // the global norm measured (and clipped when asked), one AdamW step.
    optimizer.zero_grad();
    const StepTotals totals =
        accumulate_step_gradients(model, batches, step, grad_accum, weighting, global_sum, mpi.size(),
                                  reference.is_empty() ? nullptr : &reference, bfloat16, sliced_loss_logits);
    gradient_sync.average();
    const double grad_norm =
        clip_gradient_norm(params, grad_clip > 0 ? grad_clip : std::numeric_limits<double>::infinity());
    // The norm is the same on every rank (the gradients were averaged): all stop together.
    if (!std::isfinite(grad_norm))
      throw UserError("step " + std::to_string(step + 1) + ": the gradient norm is " +
                      (std::isnan(grad_norm) ? "nan" : std::to_string(grad_norm)) +
                      " (this rank's loss " + std::to_string(totals.token_loss / std::max(1.0, totals.real_tokens)) +
                      "): training diverged; stopped before the update, so the last checkpoint saved holds finite "
                      "weights: lower lr (or raise warmup) and run again");
    optimizer.step(lr);

    std::vector<double> sums{totals.token_loss, totals.weighted_loss, totals.real_tokens};
    sums.insert(sums.end(), totals.weight_histogram.begin(), totals.weight_histogram.end());
    sum_over_ranks(sums);
    for (int i = 0; i < kWeightBins; ++i) weight_counts[i] += sums[3 + i];
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - started).count();
    const nlohmann::json state =
        TrainerState{step + 1, int64_t(seed), global_batch, seq_len, weight_counts, weight_counts_first_step, settings}
            .to_json();
    ValidationLoss val;
    const bool validate = validation && ((val_every > 0 && (step + 1) % val_every == 0) || step + 1 == steps);
    if (validate) val = validation->measure(model, mpi.rank(), mpi.size(), batch_size);
    if (mpi.rank() == 0) {
      const double loss = sums[0] / sums[2];
      nlohmann::json line{{"step", step + 1},
                          {"loss", loss},
                          {"weighted_loss", sums[1] / mpi.size()},
                          {"lr", lr},
                          {"grad_norm", grad_norm},
                          {"tokens_per_second", sums[2] / seconds}};
      if (validate) {
        line["val_loss"] = val.loss;
        if (!val.by_source.empty()) line["val_loss_by_source"] = val.by_source;
        log_info("step ", step + 1, " validation loss ", val.loss, " over ", validation->windows(), " windows");
      }
      metrics->write(line);
      if ((step + 1) % log_every == 0 || step + 1 == steps) {
        const double elapsed = std::chrono::duration<double>(now - run_started).count();
        const double per_step = elapsed / static_cast<double>(step + 1 - first_step);
        log_info("step ", step + 1, "/", steps, " loss ", loss, " lr ", lr, " grad_norm ", grad_norm, " ",
                 int64_t(sums[2] / seconds), " tokens/s, ETA ", format_duration(per_step * double(steps - step - 1)));
      }
      if ((save_every > 0 && (step + 1) % save_every == 0) || step + 1 == steps)
        save_checkpoint(model, optimizer, state, output, tokenizer_json, save);
    }
  }
  // The token weights this run trained with, over all its steps (weights.json).
  if (mpi.rank() == 0 && step > first_step) {
    const nlohmann::json weights{{"mode", options.weighting_mode},
                                 {"first_step", weight_counts_first_step},
                                 {"last_step", step},
                                 {"bin_width", kWeightBinWidth},
                                 {"counts", weight_counts}};
    write_file_atomically(output + "/weights.json", weights.dump(1) + "\n");
  }
  mpi_barrier();
  if (mpi.rank() == 0) log_info("model: ", output, "/", trim(read_small_file(output + "/latest")));
  return 0;
}

}  // namespace mucpt
