#pragma once
// The packing step of curate: after the final pass, every rank tokenizes the kept
// documents of its work units into Megatron shards, and rank 0 describes them in
// tokens/dataset.json.
#include <nlohmann/json.hpp>
#include <string>

#include "common/config.h"

namespace mucpt {

class Tokenizer;
struct Manifest;
struct OutputLayout;
class PackedTexts;
struct WorkPlan;

void register_packing_options(Config& config);

// Packs this rank's units; returns, on rank 0, the dataset description's "sources".
// With `reuse` (`curate decide`), texts a finished run packed take its tokens.
nlohmann::json run_packing(const Config& config, const WorkPlan& plan, const Manifest& manifest,
                           const OutputLayout& layout, Tokenizer& tokenizer, int rank, int ranks,
                           const PackedTexts* reuse = nullptr);

}  // namespace mucpt
