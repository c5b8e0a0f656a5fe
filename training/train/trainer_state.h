#pragma once
// A checkpoint's trainer_state/state.json: where the run stands (step) and what it must
// keep to continue the same run (seed, global_batch, seq_len). Read back on resume; a
// file that is not such an object is refused naming the file and the key (a damaged
// checkpoint is the user's to replace: UserError).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace mucpt {

struct TrainerState {
  int64_t step = 0;
  int64_t seed = 0;
  int64_t global_batch = 0;
  int64_t seq_len = 0;
  nlohmann::json to_json() const;
};

TrainerState read_trainer_state(const std::string& path);

}  // namespace mucpt
