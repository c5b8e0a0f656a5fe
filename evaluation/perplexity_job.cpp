#include "evaluation/perplexity_job.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "common/declared_options.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "evaluation/bootstrap.h"
#include "evaluation/evaluate_job.h"
#include "training/checkpoint/hf_checkpoint.h"
#include "training/compute_threads.h"
#include "training/device.h"
#include "training/data/token_windows.h"
#include "training/train/validation.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

// The options only evaluate perplexity reads (it shares model, output, device and threads with evaluate).
struct PerplexityOptions {
  std::string data;
  int64_t seq_len = 0;
  int64_t windows = 0;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("data", data, "perplexity: held-out packed tokens (a curate tokens/ folder)");
    v("seq_len", seq_len, "perplexity: tokens of context per window (0: the model's, at most 1024)");
    v("windows", windows, "perplexity: windows measured, spread evenly over the data (0: all)");
  }
};

}  // namespace

void register_perplexity_options(Config& config) { register_options<PerplexityOptions>(config); }

namespace {

// Windows per forward pass.
constexpr int64_t kBatchWindows = 8;

// The loss of a group of windows (given) with its interval over resamples of the windows,
// and the perplexity exp(loss): exp is increasing, so the interval maps through it.
nlohmann::json loss_group(double loss, const std::vector<double>& window_losses, int64_t seq_len,
                          const BootstrapSettings& settings) {
  const auto means = bootstrap(window_losses.size(), settings, [&](const std::vector<size_t>& sample) {
    double sum = 0;
    for (size_t i : sample) sum += window_losses[i];
    return std::vector<double>{sum / double(sample.size())};
  });
  const Interval ci = percentile_interval(means[0]);
  return {{"windows", window_losses.size()},
          {"tokens", window_losses.size() * static_cast<uint64_t>(seq_len)},
          {"loss", loss},
          {"loss_ci95", interval_json(ci)},
          {"perplexity", std::exp(loss)},
          {"perplexity_ci95", interval_json({std::exp(ci.low), std::exp(ci.high)})}};
}

std::string render_table(const nlohmann::json& r) {
  std::string table = "| source | windows | tokens | loss [95% CI] | perplexity [95% CI] |\n|---|---:|---:|---:|---:|\n";
  auto row = [&](const std::string& name, const nlohmann::json& g) {
    char line[512];
    std::snprintf(line, sizeof line, "| %s | %llu | %llu | %.4f [%.4f, %.4f] | %.6g [%.6g, %.6g] |\n", name.c_str(),
                  static_cast<unsigned long long>(g["windows"].get<uint64_t>()),
                  static_cast<unsigned long long>(g["tokens"].get<uint64_t>()), g["loss"].get<double>(),
                  g["loss_ci95"][0].get<double>(), g["loss_ci95"][1].get<double>(), g["perplexity"].get<double>(),
                  g["perplexity_ci95"][0].get<double>(), g["perplexity_ci95"][1].get<double>());
    table += line;
  };
  row("all", r);
  for (auto it = r["sources"].begin(); it != r["sources"].end(); ++it) row(it.key(), it.value());
  return table;
}

}  // namespace

int run_perplexity(const Config& config, const MpiContext& mpi) {
  const PerplexityOptions options = read_options<PerplexityOptions>(config);
  const EvaluateOptions shared = read_options<EvaluateOptions>(config);
  const std::string model_dir = shared.model, data = options.data;
  const std::string output = shared.output;
  if (model_dir.empty() || data.empty() || output.empty())
    throw UserError("perplexity needs --model FOLDER, --data TOKENS_DIR and --output FILE");
  const torch::Device device = resolve_device(shared.device);
  configure_compute_threads(static_cast<int>(shared.threads));
  LlamaForCausalLM model = load_llama_for(model_dir, "model");
  model->to(device);
  model->eval();
  const int64_t seq_len = window_length(options.seq_len, model->config.max_position_embeddings);
  const Validation validation(data, seq_len, options.windows, model->config.vocab_size);
  const ValidationLoss measured = validation.measure(model, mpi.rank(), mpi.size(), kBatchWindows, true);
  if (mpi.rank() != 0) return 0;

  const BootstrapSettings settings;
  nlohmann::json report = loss_group(measured.loss, measured.window_losses, seq_len, settings);
  report["sources"] = nlohmann::json::object();
  for (const auto& [source, loss] : measured.by_source) {
    std::vector<double> losses;
    for (size_t k = 0; k < validation.windows(); ++k)
      if (validation.window_source(k) == source) losses.push_back(measured.window_losses[k]);
    report["sources"][source] = loss_group(loss, losses, seq_len, settings);
  }
  report["model"] = model_dir;
  report["data"] = data;
  report["seq_len"] = seq_len;
  report["bootstrap"] = bootstrap_json(settings);
  if (const fs::path parent = fs::path(output).parent_path(); !parent.empty()) fs::create_directories(parent);
  write_file_atomically(output, report.dump(1) + "\n");
  std::cout << render_table(report) << std::flush;
  if (measured.by_source.empty())
    log_info("no loss per source: a shard of ", data, " holds several sources (curate --packing.shards=unit packs one "
             "per shard)");
  log_info("perplexity ", std::exp(measured.loss), " over ", validation.windows(), " windows of ", seq_len,
           " tokens; report: ", output);
  return 0;
}

}  // namespace mucpt
