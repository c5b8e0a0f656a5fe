#include "curation/packing/pack_job.h"

#include <cstdio>
#include <filesystem>

#include "common/declared_options.h"
#include "common/line_reader.h"
#include "common/line_writer.h"
#include "common/log.h"
#include "common/mpi_context.h"
#include "curation/manifest.h"
#include "curation/packing/token_packer.h"
#include "curation/unit_runner.h"
#include "curation/work_plan.h"

namespace fs = std::filesystem;

namespace mucpt {

namespace {

struct PackingOptions {
  std::string shards = "rank";
  MixingOptions mixing;

  template <class Visitor>
  void visit(Visitor&& v) {
    v("packing.shards", shards,
      "rank: one shard per rank (tokens/rank-RRRRR); unit: one per work unit "
      "(tokens/part-NNNNNN, the same files for any number of ranks)");
    v("mixing.enabled", mixing.enabled,
      "repeat each document by its source's weight x its own weight (fractions decided by a hash "
      "of its id); false packs every kept document once");
    v("mixing.seed", mixing.seed, "seed of the fractional repeat decisions");
  }
};

std::string unit_shard_name(size_t unit) {
  char name[32];
  std::snprintf(name, sizeof name, "part-%06zu", unit);
  return name;
}

std::string rank_shard_name(int rank) {
  char name[32];
  std::snprintf(name, sizeof name, "rank-%05d", rank);
  return name;
}

nlohmann::json unit_list(const std::vector<size_t>& units) {
  nlohmann::json list = nlohmann::json::array();
  for (size_t u : units) list.push_back(u);
  return list;
}

// A rank shard from an earlier run with more ranks would be listed by nobody: remove it.
void remove_stale_rank_shards(const std::string& out, int ranks) {
  for (int r = ranks;; ++r) {
    std::string shard = out + "/tokens/" + rank_shard_name(r);
    std::string marker = out + "/stats/pack-rank-" + std::to_string(r) + ".json";
    if (!fs::exists(shard + ".idx") && !fs::exists(marker)) break;
    for (const std::string& path : {shard + ".idx", shard + ".bin", marker, packed_texts_path(out, rank_shard_name(r))})
      fs::remove(path);
  }
}

}  // namespace

void register_packing_options(Config& config) { register_options<PackingOptions>(config); }

nlohmann::json run_packing(const Config& config, const WorkPlan& plan, const Manifest& manifest,
                           const OutputLayout& layout, Tokenizer& tokenizer, int rank, int ranks,
                           const PackedTexts* reuse) {
  const std::string out = layout.root;
  const PackingOptions options = read_options<PackingOptions>(config);
  const std::string& mode = options.shards;
  if (mode != "rank" && mode != "unit") throw ConfigError("packing.shards must be rank or unit, not '" + mode + "'");
  const MixingOptions& mixing = options.mixing;
  if (!mixing.enabled && mode == "rank" && rank == 0 && manifest.sources.size() > 1)
    log_warn("mixing.enabled=false with packing.shards=rank: the Megatron blend cannot weight sources "
             "(rank shards mix them); use packing.shards=unit to weight sources in the blend");
  fs::create_directories(out + "/tokens");

  auto source_of = [&](size_t u) -> const SourceSpec& {
    return manifest.sources[plan.files[plan.units[u].file_index].source_index];
  };
  const auto& mine = plan.assignment[static_cast<size_t>(rank)];
  if (mode == "unit") {
    for (size_t u : mine) {
      std::string marker = out + "/stats/pack-" + std::to_string(u) + ".json";
      if (fs::exists(marker)) continue;
      ShardPacker packer(out + "/tokens/" + unit_shard_name(u), packed_texts_path(out, unit_shard_name(u)), tokenizer,
                         mixing, reuse);
      packer.add_documents(layout.docs_path(u), source_of(u).name, source_of(u).weight);
      write_file_atomically(marker, packer.commit().dump() + "\n");
    }
  } else {
    // The marker names the units it packed: a rerun with another rank count repacks.
    std::string marker = out + "/stats/pack-rank-" + std::to_string(rank) + ".json";
    bool done = false;
    if (fs::exists(marker)) {
      auto previous = nlohmann::json::parse(read_small_file(marker), nullptr, false);
      done = previous.is_object() && previous.value("units", nlohmann::json()) == unit_list(mine);
    }
    if (!done) {
      ShardPacker packer(out + "/tokens/" + rank_shard_name(rank), packed_texts_path(out, rank_shard_name(rank)),
                         tokenizer, mixing, reuse);
      for (size_t u : mine) packer.add_documents(layout.docs_path(u), source_of(u).name, source_of(u).weight);
      nlohmann::json shard = packer.commit();
      shard["units"] = unit_list(mine);
      write_file_atomically(marker, shard.dump() + "\n");
    }
  }
  mpi_barrier();

  nlohmann::json sources;
  if (rank == 0) {
    std::vector<nlohmann::json> shards;
    if (mode == "unit") {
      for (size_t u = 0; u < plan.units.size(); ++u)
        shards.push_back(nlohmann::json::parse(read_small_file(out + "/stats/pack-" + std::to_string(u) + ".json")));
    } else {
      remove_stale_rank_shards(out, ranks);
      for (int r = 0; r < ranks; ++r) {
        auto shard = nlohmann::json::parse(read_small_file(out + "/stats/pack-rank-" + std::to_string(r) + ".json"));
        shard.erase("units");
        shards.push_back(shard);
      }
    }
    write_dataset_description(out + "/tokens", shards, manifest, tokenizer, mixing);
    sources = nlohmann::json::parse(read_small_file(out + "/tokens/dataset.json"))["sources"];
  }
  mpi_barrier();
  return sources;
}

}  // namespace mucpt
