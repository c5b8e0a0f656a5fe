#pragma once
// The packing of curate: every rank tokenizes the kept documents of its work units into
// Megatron shards, as the final pass writes them or read back from docs/, and rank 0
// describes them in tokens/dataset.json.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/config.h"
#include "curation/packing/token_packer.h"

namespace mucpt {

class Tokenizer;
struct Manifest;
struct SourceSpec;
struct OutputLayout;
class PackedTexts;
struct WorkPlan;

void register_packing_options(Config& config);

// One rank's packing. packing.shards=rank: one shard of all the rank's units, in their
// order; unit: one shard per unit. The units come in the rank's order, each either line
// by line (begin, add, end) or from its docs file (add_file). A shard an earlier run
// finished (its marker names it) is not packed again. With `reuse` (`curate decide`),
// texts a finished run packed take its tokens.
class RankPacking {
 public:
  RankPacking(const Config& config, const WorkPlan& plan, const Manifest& manifest, const OutputLayout& layout,
              Tokenizer& tokenizer, int rank, const PackedTexts* reuse);
  ~RankPacking();
  // Whether unit u, the rank's next, is still to be packed.
  bool wants(size_t u) const;
  void begin(size_t u);
  void add(std::string_view line);  // the begun unit's next kept document
  void end();
  void add_file(size_t u);
  // Writes the rank shard and its marker (packing.shards=rank).
  void finish();

 private:
  // The shard unit u goes to (a new one per unit with packing.shards=unit).
  ShardPacker& shard_for(size_t u);
  const SourceSpec& source_of(size_t u) const;

  const WorkPlan& plan_;
  const Manifest& manifest_;
  const OutputLayout& layout_;
  Tokenizer& tokenizer_;
  const PackedTexts* reuse_;
  int rank_;
  bool by_unit_;
  bool rank_done_ = false;
  MixingOptions mixing_;
  std::unique_ptr<ShardPacker> packer_;
  size_t unit_ = 0;
};

// Rank 0 describes every rank's shards in tokens/dataset.json once all are packed and
// returns its "sources" (null on the other ranks). Collective.
nlohmann::json describe_packing(const Config& config, const WorkPlan& plan, const Manifest& manifest,
                                const OutputLayout& layout, const Tokenizer& tokenizer, int rank, int ranks);

// Packs this rank's units from their docs files, then describe_packing.
nlohmann::json run_packing(const Config& config, const WorkPlan& plan, const Manifest& manifest,
                           const OutputLayout& layout, Tokenizer& tokenizer, int rank, int ranks,
                           const PackedTexts* reuse = nullptr);

}  // namespace mucpt
