#pragma once
// A checkpoint's trainer_state/state.json: where the run stands (step) and what it must
// keep to continue the same run (seed, global_batch, seq_len), and the token weights'
// histogram so far (weight_counts, counted from step weight_counts_first_step), so that
// a resumed run's weights.json covers the whole run, and the settings that a resume may
// change (lr, steps, weighting...). Read back on resume; a file that is
// not such an object is refused naming the file and the key (a damaged checkpoint is the
// user's to replace: UserError). A checkpoint without weight_counts resumes counting.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace mucpt {

struct TrainerState {
  int64_t step = 0;
  int64_t seed = 0;
  int64_t global_batch = 0;
  int64_t seq_len = 0;
  std::vector<double> weight_counts;  // empty: not kept
  int64_t weight_counts_first_step = 1;
  // The schedule and weighting the run was trained with (an object; null: not kept), so
  // that a resume with other values says so.
  nlohmann::json settings;
  nlohmann::json to_json() const;
};

TrainerState read_trainer_state(const std::string& path);

}  // namespace mucpt
