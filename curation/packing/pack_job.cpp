#include "curation/packing/pack_job.h"

#include <cstdio>
#include <filesystem>

#include "common/declared_options.h"
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

RankPacking::RankPacking(const Config& config, const WorkPlan& plan, const Manifest& manifest,
                         const OutputLayout& layout, Tokenizer& tokenizer, int rank, const PackedTexts* reuse)
    : plan_(plan), manifest_(manifest), layout_(layout), tokenizer_(tokenizer), reuse_(reuse), rank_(rank) {
  const PackingOptions options = read_options<PackingOptions>(config);
  if (options.shards != "rank" && options.shards != "unit")
    throw ConfigError("packing.shards must be rank or unit, not '" + options.shards + "'");
  by_unit_ = options.shards == "unit";
  mixing_ = options.mixing;
  if (!mixing_.enabled && !by_unit_ && rank == 0 && manifest.sources.size() > 1)
    log_warn("mixing.enabled=false with packing.shards=rank: the Megatron blend cannot weight sources "
             "(rank shards mix them); use packing.shards=unit to weight sources in the blend");
  const std::string& out = layout.root;
  fs::create_directories(out + "/tokens");
  if (by_unit_) return;
  // The marker names the units it packed: a rerun with another rank count repacks.
  const std::string marker = out + "/stats/pack-rank-" + std::to_string(rank) + ".json";
  if (fs::exists(marker)) {
    auto previous = nlohmann::json::parse(read_small_file(marker), nullptr, false);
    rank_done_ = previous.is_object() &&
                 previous.value("units", nlohmann::json()) == unit_list(plan.assignment[static_cast<size_t>(rank)]);
  }
  if (!rank_done_)
    packer_ = std::make_unique<ShardPacker>(out + "/tokens/" + rank_shard_name(rank),
                                            packed_texts_path(out, rank_shard_name(rank)), tokenizer, mixing_, reuse);
}

RankPacking::~RankPacking() = default;

bool RankPacking::wants(size_t u) const {
  return by_unit_ ? !fs::exists(layout_.root + "/stats/pack-" + std::to_string(u) + ".json") : !rank_done_;
}

ShardPacker& RankPacking::shard_for(size_t u) {
  unit_ = u;
  if (by_unit_)
    packer_ = std::make_unique<ShardPacker>(layout_.root + "/tokens/" + unit_shard_name(u),
                                            packed_texts_path(layout_.root, unit_shard_name(u)), tokenizer_, mixing_,
                                            reuse_);
  return *packer_;
}

const SourceSpec& RankPacking::source_of(size_t u) const {
  return manifest_.sources[plan_.files[plan_.units[u].file_index].source_index];
}

void RankPacking::begin(size_t u) {
  shard_for(u).start_file(layout_.docs_path(u), source_of(u).name, source_of(u).weight);
}

void RankPacking::add(std::string_view line) { packer_->add_line(line); }

void RankPacking::end() {
  if (!by_unit_) return;
  write_file_atomically(layout_.root + "/stats/pack-" + std::to_string(unit_) + ".json", packer_->commit().dump() + "\n");
  packer_.reset();
}

void RankPacking::add_file(size_t u) {
  shard_for(u).add_documents(layout_.docs_path(u), source_of(u).name, source_of(u).weight);
  end();
}

void RankPacking::finish() {
  if (by_unit_ || rank_done_) return;
  nlohmann::json shard = packer_->commit();
  shard["units"] = unit_list(plan_.assignment[static_cast<size_t>(rank_)]);
  write_file_atomically(layout_.root + "/stats/pack-rank-" + std::to_string(rank_) + ".json", shard.dump() + "\n");
  rank_done_ = true;
}

nlohmann::json describe_packing(const Config& config, const WorkPlan& plan, const Manifest& manifest,
                                const OutputLayout& layout, const Tokenizer& tokenizer, int rank, int ranks) {
  const PackingOptions options = read_options<PackingOptions>(config);
  const std::string& out = layout.root;
  mpi_barrier();  // every rank's shards are written
  nlohmann::json sources;
  if (rank == 0) {
    std::vector<nlohmann::json> shards;
    if (options.shards == "unit") {
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
    write_dataset_description(out + "/tokens", shards, manifest, tokenizer, options.mixing);
    sources = nlohmann::json::parse(read_small_file(out + "/tokens/dataset.json"))["sources"];
  }
  mpi_barrier();
  return sources;
}

nlohmann::json run_packing(const Config& config, const WorkPlan& plan, const Manifest& manifest,
                           const OutputLayout& layout, Tokenizer& tokenizer, int rank, int ranks,
                           const PackedTexts* reuse) {
  RankPacking packing(config, plan, manifest, layout, tokenizer, rank, reuse);
  for (size_t u : plan.assignment[static_cast<size_t>(rank)])
    if (packing.wants(u)) packing.add_file(u);
  packing.finish();
  return describe_packing(config, plan, manifest, layout, tokenizer, rank, ranks);
}

}  // namespace mucpt
