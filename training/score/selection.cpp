#include "training/score/selection.h"

#include <mpi.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/config.h"
#include "common/json_writer.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "common/megatron/indexed_dataset_reader.h"
#include "common/megatron/indexed_dataset_writer.h"
#include "training/data/token_windows.h"
#include "training/score/reference_loss_file.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

// log(ratio) in [-kRange, kRange) over kBins bins: a resolution of 0.1% in the ratio.
constexpr int kBins = 1 << 14;
constexpr double kRange = 8.0;

int bin_of(double ratio) {
  const double x = (std::log(ratio) + kRange) / (2 * kRange) * kBins;
  if (!(x > 0)) return 0;  // also a ratio of 0 (log -inf); NaN ratios are never binned
  return x < kBins - 1 ? static_cast<int>(x) : kBins - 1;
}

double lower_edge(int bin) { return std::exp(static_cast<double>(bin) / kBins * 2 * kRange - kRange); }

// Each document's mean ratio; NaN when none of its tokens was scored.
std::vector<double> document_ratios(const std::string& prefix, double eps) {
  IndexedDatasetReader shard(prefix);
  ReferenceLossReader ref(prefix + ".refloss"), base(prefix + ".baseloss");
  std::vector<double> ratios;
  std::vector<float> r, b;
  uint64_t at = 0;
  for (size_t i = 0; i < shard.sequences(); ++i) {
    const size_t n = static_cast<size_t>(shard.size(i));
    r.clear();
    b.clear();
    ref.read(at, n, r);
    base.read(at, n, b);
    at += n;
    double sum = 0;
    size_t scored = 0;
    for (size_t k = 0; k < n; ++k) {
      if (std::isnan(r[k]) || std::isnan(b[k])) continue;
      sum += (static_cast<double>(b[k]) + eps) / (static_cast<double>(r[k]) + eps);
      ++scored;
    }
    ratios.push_back(scored ? sum / static_cast<double>(scored) : std::nan(""));
  }
  return ratios;
}

}  // namespace

void select_documents(const std::string& tokens_dir, const TokenWindows& windows, const SelectionOptions& options,
                      int rank, int ranks) {
  const std::string dataset_path = tokens_dir + "/dataset.json";
  nlohmann::json dataset;
  size_t vocab = 0;
  int32_t eos = -1;
  try {
    dataset = nlohmann::json::parse(read_small_file(dataset_path));
    vocab = dataset.value("vocab_size", size_t(0));
    eos = dataset.value("eos_id", int32_t(-1));
  } catch (const nlohmann::json::exception& e) {  // not JSON, or a key of the wrong type
    throw UserError(dataset_path + ": " + e.what());
  }
  if (vocab == 0) throw UserError(dataset_path + ": needs \"vocab_size\" to write the selected shards");
  fs::create_directories(options.output);

  // Shards are shared round-robin over the ranks; the threshold comes from the sum of
  // every rank's histogram.
  std::vector<size_t> mine;
  for (size_t s = static_cast<size_t>(rank); s < windows.shards(); s += static_cast<size_t>(ranks)) mine.push_back(s);
  std::vector<std::vector<double>> ratios;
  std::vector<uint64_t> histogram(kBins, 0);
  for (size_t s : mine) {
    ratios.push_back(document_ratios(windows.shard_prefix(s), options.eps));
    for (double r : ratios.back())
      if (!std::isnan(r)) ++histogram[static_cast<size_t>(bin_of(r))];
  }
  MPI_Allreduce(MPI_IN_PLACE, histogram.data(), kBins, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
  double threshold = options.threshold;
  if (options.keep > 0) {
    uint64_t total = 0;
    for (uint64_t c : histogram) total += c;
    const auto wanted = static_cast<uint64_t>(std::ceil(options.keep * static_cast<double>(total)));
    uint64_t above = 0;
    int bin = kBins - 1;
    for (; bin > 0; --bin) {
      above += histogram[static_cast<size_t>(bin)];
      if (above >= wanted) break;
    }
    threshold = lower_edge(bin);
  }

  for (size_t k = 0; k < mine.size(); ++k) {
    const std::string prefix = windows.shard_prefix(mine[k]);
    const std::string name = fs::path(prefix).filename().string();
    IndexedDatasetReader shard(prefix);
    IndexedDatasetWriter selected(options.output + "/" + name, vocab, eos);
    LineWriter scores(options.output + "/" + name + ".scores.jsonl");
    for (size_t i = 0; i < shard.sequences(); ++i) {
      const double r = ratios[k][i];
      const bool keep = std::isnan(r) || r >= threshold;
      std::string line;
      JsonWriter w(line);
      w.begin_object();
      w.field("document", static_cast<uint64_t>(i));
      w.field("tokens", static_cast<uint64_t>(shard.size(i)));
      if (!std::isnan(r)) w.field("ratio", r);
      w.field("kept", keep);
      w.end_object();
      scores.write_line(line);
      if (!keep) continue;
      selected.add_document(shard.sequence(i));
    }
    scores.commit();
    selected.commit();
    nlohmann::json record{{"shard", name}, {"documents", selected.documents()}, {"tokens", selected.tokens()},
                          {"documents_in", shard.sequences()}, {"tokens_in", shard.tokens()}};
    write_file_atomically(options.output + "/" + name + ".selection.json", record.dump() + "\n");
  }
  MPI_Barrier(MPI_COMM_WORLD);

  if (rank == 0) {
    nlohmann::json out = dataset;
    out["shards"] = nlohmann::json::array();
    uint64_t docs = 0, tokens = 0, docs_in = 0, tokens_in = 0;
    for (size_t s = 0; s < windows.shards(); ++s) {
      const std::string name = fs::path(windows.shard_prefix(s)).filename().string();
      auto record = nlohmann::json::parse(read_small_file(options.output + "/" + name + ".selection.json"));
      docs += record["documents"].get<uint64_t>();
      tokens += record["tokens"].get<uint64_t>();
      docs_in += record["documents_in"].get<uint64_t>();
      tokens_in += record["tokens_in"].get<uint64_t>();
      out["shards"].push_back(record);
    }
    out["documents"] = docs;
    out["tokens"] = tokens;
    out.erase("sources");  // per-source counts no longer hold after selection
    out.erase("megatron_data_path");
    std::string blend;
    for (const auto& s : out["shards"])
      if (s["tokens"].get<uint64_t>() > 0)
        blend += (blend.empty() ? "" : " ") + std::to_string(s["tokens"].get<uint64_t>()) + " " + s["shard"].get<std::string>();
    out["megatron_data_path"] = blend;
    out["selection"] = {{"from", fs::absolute(tokens_dir).string()}, {"criterion", "mean (l_base + eps) / (l_ref + eps)"},
                        {"eps", options.eps}, {"keep", options.keep}, {"threshold", threshold},
                        {"documents_in", docs_in}, {"documents_kept", docs}, {"tokens_in", tokens_in},
                        {"tokens_kept", tokens}};
    if (fs::exists(tokens_dir + "/tokenizer.json"))
      fs::copy_file(tokens_dir + "/tokenizer.json", options.output + "/tokenizer.json", fs::copy_options::overwrite_existing);
    write_file_atomically(options.output + "/dataset.json", out.dump(1) + "\n");
    log_info("selection: kept ", docs, " of ", docs_in, " documents (", tokens, " of ", tokens_in,
             " tokens), ratio >= ", threshold, "; selected dataset: ", options.output,
             " (score it again with the reference model before weighted training)");
  }
  MPI_Barrier(MPI_COMM_WORLD);
}

}  // namespace mucpt
