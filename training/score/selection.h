#pragma once
// Data selection by the loss ratio (DESIGN.md, "Token-level soft scoring", offline
// use): each packed document gets the mean over its scored tokens of
// r = (l_base + eps) / (l_ref + eps), from the .baseloss and .refloss files beside its
// shard. The documents with the highest ratios (what the reference model has learned
// and the base model has not) are kept: the top `keep` fraction, found from a
// histogram summed over the ranks (no score is gathered to one rank), or those at or
// above `threshold`. Documents without a scored token are kept. Each shard's kept
// documents become a shard of a new packed dataset, with one JSONL line of scores per
// document beside it, and a dataset.json that names the selection.
#include <string>

namespace mucpt {

class TokenWindows;

struct SelectionOptions {
  double keep = 0.0;       // > 0: fraction kept
  double threshold = 1.0;  // otherwise: lowest ratio kept
  double eps = 0.1;
  std::string output;      // folder of the selected dataset
};

void select_documents(const std::string& tokens_dir, const TokenWindows& windows, const SelectionOptions& options,
                      int rank, int ranks);

}  // namespace mucpt
